import { useTranslation } from "~/lib/translate";
import { formatDate } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";

type Cert = { type: string; number: string; issuer: string; expiresAt: string | null };

/** Verified certificates with number, issuer and expiry (product and producer pages). */
export function CertificateList({
  certifications,
  locale,
  headingId,
}: {
  certifications: Cert[];
  locale: AppLocale;
  headingId: string;
}) {
  const { t } = useTranslation();
  if (certifications.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("product.certifications")}</h2>
      <ul className="cert-list" data-testid="certifications">
        {certifications.map((c) => (
          <li key={c.number}>
            <span className="cert">{t(`cert.${c.type}`)}</span> {c.number}
            <span className="meta">
              {" · "}
              {c.issuer}
              {c.expiresAt && <> · {t("product.validUntil", { date: formatDate(c.expiresAt, locale) })}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * When a certificate holds: "valid 3 Jan 2025 – 2 Jan 2028", or for one that never expires (an NIB
 * is a registration) "issued 3 Jan 2025, no expiry" — never the issue date under a "valid until" label.
 */
export function CertificateDates({
  issuedAt,
  expiresAt,
  locale,
}: {
  issuedAt: string;
  expiresAt: string | null;
  locale: AppLocale;
}) {
  const { t } = useTranslation();
  return (
    <>
      {expiresAt
        ? t("cert.validFromTo", { from: formatDate(issuedAt, locale), to: formatDate(expiresAt, locale) })
        : t("cert.issuedNoExpiry", { date: formatDate(issuedAt, locale) })}
    </>
  );
}
