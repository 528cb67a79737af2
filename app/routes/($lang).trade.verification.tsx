import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { CertificateDates } from "~/components/certificate-list";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { regencyLabel } from "~/domain/regions/regions";
import {
  CertificateStateError,
  decideCertificate,
  verificationQueue,
} from "~/domain/certification/certificates.server";
import { decideProducer, IllegalDecisionError, NoNibError } from "~/domain/producers/producers.server";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { withNotice } from "~/lib/notice";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "product", "scale", "sell", "trade", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  const q = await verificationQueue();
  return {
    locale: routeLocale(params),
    producers: q.producers.map((p) => ({
      ...p,
      region: regencyLabel(p.regencyCode),
      createdAt: p.createdAt.toISOString(),
    })),
    certificates: q.certificates.map((c) => ({
      ...c,
      issuedAt: c.issuedAt.toISOString().slice(0, 10),
      expiresAt: c.expiresAt?.toISOString().slice(0, 10) ?? null,
      createdAt: c.createdAt.toISOString(),
      hasScan: !!c.scanPath,
      scanPath: undefined,
    })),
  };
}

const reason = z.string().trim().max(500, { error: "errors.tooLong" }).optional();
const schema = z
  .object({
    kind: z.enum(["producer", "certificate"]),
    id: z.string().min(1).max(40),
    decision: z.enum(["verify", "send-back", "reject"]),
    reason,
  })
  .refine((v) => v.decision === "verify" || (v.reason && v.reason.length >= 3), {
    path: ["reason"],
    error: "workErrors.reasonRequired",
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const { kind, id, decision, reason } = parsed.data;
  try {
    const done =
      kind === "producer"
        ? await decideProducer(staff.id, id, decision === "verify" ? "verify" : "send-back", reason)
        : await decideCertificate(staff.id, id, decision === "verify" ? "verify" : "reject", reason);
    if (!done) throw new Response("Not found", { status: 404 });
    const here = localePath("/trade/verification", routeLocale(params));
    if ("legalName" in done)
      return redirect(
        withNotice(here, decision === "verify" ? "producerVerified" : "producerSentBack", { name: done.legalName }),
      );
    return redirect(
      withNotice(here, decision === "verify" ? "certificateVerified" : "certificateRejected", { name: done.number }),
    );
  } catch (err) {
    if (err instanceof NoNibError) return formError(409, parsed.form, "workErrors.noNib");
    if (err instanceof IllegalDecisionError || err instanceof CertificateStateError)
      return formError(409, parsed.form, "workErrors.alreadyDecided");
    throw err;
  }
}

function DecisionForms({
  kind,
  id,
  rejectLabel,
}: {
  kind: "producer" | "certificate";
  id: string;
  rejectLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="row-actions">
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" name="decision" value="verify">
          {t("trade.approve")}
        </button>
      </Form>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <label>
          {t("trade.reason")} <input name="reason" required minLength={3} maxLength={500} />
        </label>{" "}
        <button type="submit" name="decision" value={kind === "producer" ? "send-back" : "reject"}>
          {rejectLabel}
        </button>
      </Form>
    </div>
  );
}

export default function VerificationQueue() {
  const { locale, producers, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  return (
    <div className="container">
      <h1>{t("trade.verificationTitle")}</h1>
      <FormError failure={failure} />
      {failure?.fieldErrors.reason && <p className="form-error">{t(failure.fieldErrors.reason)}</p>}
      <h2>{t("trade.producersWaiting", { count: producers.length })}</h2>
      {producers.map((p) => (
        <article key={p.id} className="queue-item" data-testid="queue-producer">
          <div>
            <h3>
              <Link to={lp(`/trade/producers/${p.id}`)}>{p.legalName}</Link>
            </h3>
            <dl className="facts">
              <dt>{t("sell.nib")}</dt>
              <dd>{p.nib}</dd>
              <dt>{t("sell.scale")}</dt>
              <dd>{t(`scale.${p.scale}`)}</dd>
              <dt>{t("sell.regency")}</dt>
              <dd>{p.region}</dd>
              <dt>{t("sell.address")}</dt>
              <dd>{p.address}</dd>
              <dt>{t("sell.contact")}</dt>
              <dd>
                {p.contactName}, {p.contactPhone}, {p.contactEmail}
              </dd>
            </dl>
            {p.reviewNote && (
              <p className="meta">
                {t("sell.staffNote")} {p.reviewNote}
              </p>
            )}
          </div>
          <DecisionForms kind="producer" id={p.id} rejectLabel={t("trade.sendBack")} />
        </article>
      ))}
      <h2>{t("trade.certificatesWaiting", { count: certificates.length })}</h2>
      {certificates.map((c) => (
        <article key={c.id} className="queue-item" data-testid="queue-certificate">
          <div>
            <h3>
              {t(`cert.${c.type}`)} · {c.producer.legalName}
            </h3>
            <dl className="facts">
              <dt>{t("sell.certNumber")}</dt>
              <dd>{c.number}</dd>
              <dt>{t("sell.issuer")}</dt>
              <dd>{c.issuer}</dd>
              <dt>{t("cert.dates")}</dt>
              <dd>
                <CertificateDates issuedAt={c.issuedAt} expiresAt={c.expiresAt} locale={locale} />
              </dd>
            </dl>
            <DecisionForms kind="certificate" id={c.id} rejectLabel={t("trade.reject")} />
          </div>
          <div>
            {c.hasScan &&
              (c.scanMime?.startsWith("image/") ? (
                <img
                  className="doc-preview"
                  src={`/documents/certificates/${c.id}`}
                  alt={t("trade.scanOf", { number: c.number })}
                />
              ) : (
                <a href={`/documents/certificates/${c.id}`}>{t("sell.viewScan")}</a>
              ))}
          </div>
        </article>
      ))}
    </div>
  );
}
