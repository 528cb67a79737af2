import { Form } from "@remix-run/react";
import { CsrfInput, Field, type ActionFailure } from "~/components/forms";
import type { AppLocale } from "~/lib/i18n";
import { formatDate } from "~/lib/format";
import { useTranslation } from "~/lib/translate";

export type ChecklistView = Array<{
  id: string;
  titleId: string;
  titleEn: string;
  state: "open" | "met" | "waived";
  evidenceMime: string | null;
  waivedReason: string | null;
  at: Date | null;
}>;

/**
 * The destination's packaging and label requirements for this lot: each met by evidence (a
 * photo or a PDF) or waived with a reason. READY is refused while one is open.
 */
export function LotChecklist({
  lotId,
  items,
  locale,
  failure,
}: {
  lotId: string;
  items: ChecklistView;
  locale: AppLocale;
  failure?: ActionFailure;
}) {
  const { t } = useTranslation();
  const open = items.filter((i) => i.state === "open").length;
  return (
    <section className="fieldset" aria-labelledby="checklist-h" data-testid="checklist">
      <h2 id="checklist-h">{t("checklist.title")}</h2>
      {items.length === 0 ? (
        <p className="meta">{t("checklist.none")}</p>
      ) : (
        <p className={open ? "form-error" : "notice"}>
          {open ? t("checklist.openCount", { count: open }) : t("checklist.allDone")}
        </p>
      )}
      <ul className="checklist">
        {items.map((i) => {
          const mine = failure?.values.requirementId === i.id ? failure : undefined;
          return (
            <li key={i.id} data-testid="checklist-item" data-state={i.state}>
              <p>
                <strong>{locale === "en" ? i.titleEn : i.titleId}</strong> —{" "}
                <span className="status">{t(`checklist.state.${i.state}`)}</span>
                {i.at && <span className="meta"> · {formatDate(i.at, locale)}</span>}
              </p>
              {i.state === "met" && (
                <p>
                  <a href={`/trade/lots/${lotId}/checklist/${i.id}`} target="_blank" rel="noreferrer">
                    {t(i.evidenceMime === "application/pdf" ? "checklist.viewPdf" : "checklist.viewPhoto")}
                  </a>
                </p>
              )}
              {i.state === "waived" && (
                <p className="meta">{t("checklist.waivedBecause", { reason: i.waivedReason })}</p>
              )}
              <div className="row-actions">
                <Form method="post" encType="multipart/form-data" className="qty-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="evidence" />
                  <input type="hidden" name="requirementId" value={i.id} />
                  <label htmlFor={`ev-${i.id}`}>{t("checklist.evidence")}</label>
                  <input id={`ev-${i.id}`} name="evidence" type="file" accept="image/*,application/pdf" required />
                  <button type="submit" className="button-small-solid">
                    {t("checklist.attach")}
                  </button>
                </Form>
                {i.state !== "waived" && (
                  <Form method="post" noValidate className="qty-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="waive" />
                    <input type="hidden" name="requirementId" value={i.id} />
                    <Field
                      name="reason"
                      label={t("checklist.waiveReason")}
                      idPrefix={`${i.id}-`}
                      failure={mine}
                      required
                    />
                    <button type="submit" className="link-button">
                      {t("checklist.waive")}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
