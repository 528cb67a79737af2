import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { CertificateDates } from "~/components/certificate-list";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure, SelectField } from "~/components/forms";
import {
  DuplicateCertificateError,
  listCertificates,
  resubmitCertificate,
  ScanRefused,
  submitCertificate,
} from "~/domain/certification/certificates.server";
import { requireProducerMember } from "~/lib/producer-access.server";
import { facilitated } from "~/lib/acting.server";
import { CERT_TYPES, certificateSchema } from "~/domain/certification/schemas";
import { filesOf, formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "certStatus", "partners", "product", "sell", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { producer } = await requireProducerMember(request, locale);
    const certs = await listCertificates(producer.id);
    return {
      locale,
      status: producer.status,
      reviewNote: producer.reviewNote,
      certificates: certs.map((c) => ({
        ...c,
        issuedAt: c.issuedAt.toISOString().slice(0, 10),
        expiresAt: c.expiresAt?.toISOString().slice(0, 10) ?? null,
        hasScan: !!c.scanPath,
        scanPath: undefined,
      })),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { user, producer } = await requireProducerMember(request, locale);
    const parsed = await parseForm(request, certificateSchema, { multipart: true });
    if (!parsed.ok) return parsed.response;
    const [scan] = await filesOf(parsed.form, "scan");
    const resubmitId = parsed.form.get("resubmitId");
    try {
      if (typeof resubmitId === "string" && resubmitId) {
        const done = await resubmitCertificate(producer.id, resubmitId, user.id, parsed.data, scan ?? null);
        if (!done) throw new Response("Not found", { status: 404 });
      } else {
        if (!scan) return formError(400, parsed.form, "errors.formInvalid", { scan: "workErrors.scanMissing" });
        await submitCertificate(producer.id, user.id, parsed.data, scan);
      }
    } catch (err) {
      if (err instanceof ScanRefused)
        return formError(err.reason === "too-large" ? 413 : 415, parsed.form, "errors.formInvalid", {
          scan: `workErrors.scan_${err.reason}`,
        });
      if (err instanceof DuplicateCertificateError)
        return formError(409, parsed.form, "errors.formInvalid", { number: "workErrors.certDuplicate" });
      throw err;
    }
    return redirect(`${localePath("/sell/certificates", locale)}?sent=1`);
  });
}

export default function Certificates() {
  const { locale, status, reviewNote, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [sp] = useSearchParams();
  const { t } = useTranslation();
  const resubmitting = sp.get("resubmit");
  const editing = certificates.find((c) => c.id === resubmitting && c.status === "REJECTED");
  return (
    <div className="container wide">
      <p>
        <Link to={localePath("/sell", locale)}>{t("sell.backToDashboard")}</Link>
      </p>
      <h1>{t("sell.certificatesTitle")}</h1>
      {sp.get("welcome") && <p className="notice">{t("sell.welcome")}</p>}
      {sp.get("sent") && (
        <p className="notice" role="status">
          {t("sell.certSent")}
        </p>
      )}
      {status !== "VERIFIED" && (
        <p className="notice">
          {t(`sell.producerStatus_${status}`)}
          {reviewNote && (
            <>
              {" "}
              <strong>{t("sell.staffNote")}</strong> {reviewNote}
            </>
          )}
        </p>
      )}
      <table className="variants" data-testid="certificates">
        <thead>
          <tr>
            <th scope="col">{t("sell.certType")}</th>
            <th scope="col">{t("sell.certNumber")}</th>
            <th scope="col">{t("cert.dates")}</th>
            <th scope="col">{t("partners.status")}</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => (
            <tr key={c.id}>
              <td>{t(`cert.${c.type}`)}</td>
              <td>
                {c.number}
                {c.hasScan && (
                  <div>
                    <a href={`/documents/certificates/${c.id}`}>{t("sell.viewScan")}</a>
                  </div>
                )}
              </td>
              <td>
                <CertificateDates issuedAt={c.issuedAt} expiresAt={c.expiresAt} locale={locale} />
              </td>
              <td>
                <span className={`status status-${c.status}`}>{t(`certStatus.${c.status}`)}</span>
                {c.rejectReason && (
                  <p className="error">
                    {t("sell.rejectReason")} {c.rejectReason}
                  </p>
                )}
                {c.status === "REJECTED" && <Link to={`?resubmit=${c.id}`}>{t("sell.resubmit")}</Link>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{editing ? t("sell.resubmitTitle") : t("sell.addCertificate")}</h2>
      <Form method="post" encType="multipart/form-data" noValidate key={editing?.id ?? "new"}>
        <CsrfInput />
        {editing && <input type="hidden" name="resubmitId" value={editing.id} />}
        <FormError failure={failure} />
        <SelectField
          name="type"
          label={t("sell.certType")}
          required
          defaultValue={editing?.type}
          failure={failure}
          options={CERT_TYPES.map((c) => ({ value: c, label: t(`cert.${c}`) }))}
        />
        <Field
          name="number"
          label={t("sell.certNumber")}
          hint={t("sell.certNumberHint")}
          defaultValue={editing?.number}
          required
          failure={failure}
        />
        <Field name="issuer" label={t("sell.issuer")} defaultValue={editing?.issuer} required failure={failure} />
        <Field
          name="issuedAt"
          type="date"
          label={t("sell.issuedAt")}
          defaultValue={editing?.issuedAt}
          required
          failure={failure}
        />
        <Field
          name="expiresAt"
          type="date"
          label={t("sell.expiresAt")}
          hint={t("form.optional")}
          defaultValue={editing?.expiresAt ?? undefined}
          failure={failure}
        />
        <div className={`field${failure?.fieldErrors.scan ? " has-error" : ""}`}>
          <label htmlFor="f-scan">{t("sell.scan")}</label>
          <input
            id="f-scan"
            type="file"
            name="scan"
            accept="image/jpeg,image/png,image/webp,image/heic,application/pdf"
            aria-describedby="f-scan-hint"
          />
          <p className="hint" id="f-scan-hint">
            {t("sell.scanHint")}
          </p>
          {failure?.fieldErrors.scan && <p className="error">{t(failure.fieldErrors.scan)}</p>}
        </div>
        <button type="submit">{editing ? t("sell.resubmit") : t("sell.submitCertificate")}</button>
      </Form>
    </div>
  );
}
