import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { formatDate } from "~/lib/format";
import { localePath, type AppLocale } from "~/lib/i18n";
import type { RegionOptions } from "~/domain/regions/regions";
import { CsrfInput, Field, FormError, SelectField, type ActionFailure } from "./forms";
import { RegencySelect } from "./regency-select";

type Kind = "INDIVIDUAL" | "COOPERATIVE" | "GROUP";
type Member = {
  id: string;
  legalName: string;
  nib: string | null;
  scale: "MIKRO" | "KECIL" | "MENENGAH";
  status: "PENDING" | "VERIFIED" | "SUSPENDED";
  region: string;
  contactPhone: string;
  claimed: boolean;
  claimLocked: boolean;
  claimExpires: string | null;
};

/** The code staff just created, shown once to hand to the member (it is stored only as a hash). */
export function ClaimCodeNotice({ issued }: { issued?: { name: string; code: string } }) {
  const { t } = useTranslation();
  if (!issued) return null;
  return (
    <div className="notice" role="status">
      <p>{t("groups.codeIssued", { name: issued.name })}</p>
      <p className="claim-code" data-testid="claim-code">
        {issued.code}
      </p>
      <p className="meta">{t("groups.codeHint")}</p>
    </div>
  );
}

/**
 * Staff's view of a producer as a group: its kind (a koperasi or kelompok usaha sells for its
 * members), the members and whether each has claimed its account, and the form that onboards one.
 */
export function GroupMembers({
  locale,
  kind,
  groupOf,
  members,
  regions,
  failure,
}: {
  locale: AppLocale;
  kind: Kind;
  groupOf: { id: string; legalName: string } | null;
  members: Member[];
  regions: RegionOptions;
  failure?: ActionFailure;
}) {
  const { t } = useTranslation();
  const onboardFailure = failure?.values.intent === "onboard" ? failure : undefined;
  return (
    <section aria-labelledby="group-title" data-testid="group">
      <h2 id="group-title">{t("groups.title")}</h2>
      {groupOf ? (
        <p>
          {t("groups.memberOf")}{" "}
          <Link to={localePath(`/trade/producers/${groupOf.id}`, locale)}>{groupOf.legalName}</Link>
        </p>
      ) : (
        <Form method="post" action="?intent=kind" className="row-actions">
          <CsrfInput />
          <input type="hidden" name="intent" value="kind" />
          <SelectField
            name="kind"
            label={t("groups.kind")}
            defaultValue={kind}
            failure={failure?.values.intent === "kind" ? failure : undefined}
            options={(["INDIVIDUAL", "COOPERATIVE", "GROUP"] as const).map((k) => ({
              value: k,
              label: t(`groups.kinds.${k}`),
            }))}
          />
          <button type="submit">{t("groups.saveKind")}</button>
        </Form>
      )}
      {kind !== "INDIVIDUAL" && (
        <>
          <p>{t("groups.intro")}</p>
          {members.length === 0 ? (
            <p>{t("groups.none")}</p>
          ) : (
            <ul className="cards" data-testid="group-members">
              {members.map((m) => (
                <li key={m.id} data-testid="group-member">
                  <Link to={localePath(`/trade/producers/${m.id}`, locale)}>
                    <strong>{m.legalName}</strong>
                  </Link>{" "}
                  <span className={`status status-${m.status}`}>{t(`producerStatus.${m.status}`)}</span>
                  <br />
                  <span className="meta">
                    NIB {m.nib} · {m.region} · {t(`scale.${m.scale}`)} · {m.contactPhone}
                  </span>
                  <br />
                  {m.claimed ? (
                    t("groups.claimed")
                  ) : (
                    <Form method="post" action="?intent=code" className="row-actions">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="code" />
                      <input type="hidden" name="memberId" value={m.id} />
                      <span>
                        {m.claimLocked
                          ? t("groups.claimLocked")
                          : m.claimExpires
                            ? t("groups.unclaimed", { date: formatDate(m.claimExpires, locale) })
                            : t("groups.noCode")}
                      </span>
                      <button type="submit" className="secondary">
                        {t("groups.newCode")}
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>{t("groups.onboardTitle")}</h3>
          <p className="meta">{t("groups.onboardIntro")}</p>
          <Form method="post" action="?intent=onboard" noValidate className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="onboard" />
            <FormError failure={onboardFailure} />
            <Field name="legalName" label={t("groups.memberName")} required failure={onboardFailure} />
            <Field name="nib" label={t("sell.nib")} inputMode="numeric" required failure={onboardFailure} />
            <SelectField
              name="scale"
              label={t("sell.scale")}
              failure={onboardFailure}
              required
              options={(["MIKRO", "KECIL", "MENENGAH"] as const).map((s) => ({ value: s, label: t(`scale.${s}`) }))}
            />
            <RegencySelect regions={regions} failure={onboardFailure} idPrefix="member-" />
            <Field name="address" label={t("sell.address")} required failure={onboardFailure} />
            <Field name="contactName" label={t("sell.contactName")} required failure={onboardFailure} />
            <Field name="contactPhone" type="tel" label={t("sell.contactPhone")} required failure={onboardFailure} />
            <Field
              name="contactEmail"
              type="email"
              label={t("auth.email")}
              hint={t("groups.emailOptional")}
              failure={onboardFailure}
            />
            <button type="submit">{t("groups.onboard")}</button>
          </Form>
        </>
      )}
    </section>
  );
}
