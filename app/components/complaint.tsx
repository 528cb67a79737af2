/** A parcel's complaint as buyer, producer and staff see it, and the buyer's form to open one. */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput } from "./forms";
import { Picture } from "./picture";
import { Price } from "./price";
import { COMPLAINT_REASONS, COMPLAINT_REQUESTS } from "~/domain/orders/complaint-options";

export type ComplaintView = {
  id: string;
  status: string;
  reason: string;
  requested: string;
  details: string;
  photos: Array<{ key: string; width: number; height: number; widths: number[] }>;
  producerAnswer: string | null;
  decisionNote: string | null;
  refundAmount: bigint | null;
};

export function ComplaintBox({ complaint: c, currency }: { complaint: ComplaintView; currency: string }) {
  const { t } = useTranslation();
  return (
    <div className="complaint" data-testid="complaint">
      <p>
        <strong>{t("complaint.title")}:</strong>{" "}
        <span className="status" data-testid="complaint-status">
          {t(`complaint.status.${c.status}`)}
        </span>
      </p>
      <p>
        {t(`complaint.reason.${c.reason}`)} · {t(`complaint.requested.${c.requested}`)}
      </p>
      <p className="meta">{c.details}</p>
      {c.photos.length > 0 && (
        <div className="thumbs">
          {c.photos.map((p) => (
            <Picture key={p.key} image={{ ...p, alt: t("complaint.title") }} sizes="120px" />
          ))}
        </div>
      )}
      {c.producerAnswer && (
        <p>
          <strong>{t("complaint.answer")}:</strong> {c.producerAnswer}
        </p>
      )}
      {c.decisionNote && (
        <p data-testid="complaint-decision">
          <strong>{t("complaint.decision")}:</strong> {c.decisionNote}
          {c.refundAmount !== null && (
            <>
              {" "}
              · {t("complaint.refunded")} <Price amount={c.refundAmount} currency={currency} />
            </>
          )}
        </p>
      )}
    </div>
  );
}

/** The buyer's complaint form for a parcel on its way; works without JavaScript (a multipart post). */
export function ComplaintForm({ fulfilmentId }: { fulfilmentId: string }) {
  const { t } = useTranslation();
  const id = (n: string) => `c-${fulfilmentId}-${n}`;
  return (
    <details className="complaint-form">
      <summary>{t("complaint.open")}</summary>
      <p className="meta">{t("complaint.openHint")}</p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="complain" />
        <input type="hidden" name="fulfilmentId" value={fulfilmentId} />
        <div className="field">
          <label htmlFor={id("reason")}>{t("complaint.reasonLabel")}</label>
          <select id={id("reason")} name="reason" defaultValue="DAMAGED">
            {COMPLAINT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`complaint.reason.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("details")}>{t("complaint.details")}</label>
          <textarea id={id("details")} name="details" rows={4} maxLength={2000} required />
        </div>
        <div className="field">
          <label htmlFor={id("requested")}>{t("complaint.requestedLabel")}</label>
          <select id={id("requested")} name="requested" defaultValue="REFUND">
            {COMPLAINT_REQUESTS.map((r) => (
              <option key={r} value={r}>
                {t(`complaint.requested.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("photos")}>{t("complaint.photos")}</label>
          <input id={id("photos")} type="file" name="photos" accept="image/*" multiple />
        </div>
        <button type="submit">{t("complaint.submit")}</button>
      </Form>
    </details>
  );
}
