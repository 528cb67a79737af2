import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, FormError, isFailure, SelectField } from "~/components/forms";
import { regencyLabel, regionOptions } from "~/domain/regions/regions";
import { ClaimCodeNotice, GroupMembers } from "~/components/group-members";
import { LadderCard } from "~/components/ladder";
import { producerLadder } from "~/domain/producers/ladder.server";
import { assignFacilitator, FacilitationRefused, facilitators } from "~/domain/producers/facilitation.server";
import {
  GroupRefused,
  groupMembers,
  onboardMember,
  reissueClaimCode,
  setProducerKind,
} from "~/domain/producers/groups.server";
import { memberSchema } from "~/domain/producers/schemas";
import { listCertificates } from "~/domain/certification/certificates.server";
import {
  decideProducer,
  IllegalDecisionError,
  NoNibError,
  NibTakenError,
  producerById,
  producerHistory,
} from "~/domain/producers/producers.server";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { withNotice } from "~/lib/notice";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: [
    "audit",
    "auth",
    "cert",
    "claims",
    "certStatus",
    "form",
    "facilitation",
    "groups",
    "ladder",
    "producerStatus",
    "product",
    "scale",
    "sell",
    "trade",
    "units",
  ],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  const producer = await producerById(params.id ?? "");
  if (!producer) throw new Response("Not found", { status: 404 });
  const [certs, members, groupOf, history, ladder, facilitatorChoices] = await Promise.all([
    listCertificates(producer.id),
    producer.kind === "INDIVIDUAL" ? [] : groupMembers(producer.id),
    producer.groupId ? producerById(producer.groupId) : null,
    producerHistory(producer.id),
    producerLadder(producer.id),
    facilitators(),
  ]);
  return {
    locale: routeLocale(params),
    producer: {
      id: producer.id,
      legalName: producer.legalName,
      nib: producer.nib,
      status: producer.status,
      reviewNote: producer.reviewNote,
      region: regencyLabel(producer.regencyCode),
      scale: producer.scale,
      kind: producer.kind,
    },
    groupOf: groupOf && { id: groupOf.id, legalName: groupOf.legalName },
    members: members.map((m) => ({
      id: m.id,
      legalName: m.legalName,
      nib: m.nib,
      scale: m.scale,
      status: m.status,
      region: regencyLabel(m.regencyCode),
      contactPhone: m.contactPhone,
      claimed: m.claimed,
      claimLocked: m.claimLocked,
      claimExpires: m.claim && !m.claim.claimedAt ? m.claim.expiresAt.toISOString() : null,
    })),
    regions: producer.kind === "INDIVIDUAL" ? [] : regionOptions(),
    certificates: certs.map((c) => ({
      id: c.id,
      type: c.type,
      number: c.number,
      status: c.status,
      expiresAt: c.expiresAt?.toISOString().slice(0, 10) ?? null,
    })),
    history,
    ladder,
    facilitatorId: producer.facilitatorId,
    facilitatorChoices,
  };
}

const schema = z
  .object({ decision: z.enum(["suspend", "reinstate"]), reason: z.string().trim().max(500).optional() })
  .refine((v) => v.decision !== "suspend" || (v.reason && v.reason.length >= 3), {
    path: ["reason"],
    error: "workErrors.reasonRequired",
  });

const kindSchema = z.object({
  kind: z.enum(["INDIVIDUAL", "COOPERATIVE", "GROUP"], { error: "errors.invalidChoice" }),
});
const codeSchema = z.object({ memberId: z.string().min(1).max(40) });
const facilitatorSchema = z.object({ facilitatorId: z.string().max(40) });

/** Koperasi and kelompok: the producer's kind, onboarding a member, a new claim code (producers/groups.server.ts). */
async function groupAction(request: Request, staffId: string, producerId: string, intent: string) {
  try {
    if (intent === "kind") {
      const parsed = await parseForm(request, kindSchema);
      if (!parsed.ok) return parsed.response;
      if (!(await setProducerKind(staffId, producerId, parsed.data.kind)))
        throw new Response("Not found", { status: 404 });
      return { ok: true as const, saved: "kind" as const };
    }
    if (intent === "onboard") {
      const parsed = await parseForm(request, memberSchema);
      if (!parsed.ok) return parsed.response;
      try {
        const made = await onboardMember(staffId, producerId, parsed.data);
        if (!made) throw new Response("Not found", { status: 404 });
        return { ok: true as const, issued: { name: made.member.legalName, code: made.code } };
      } catch (err) {
        if (err instanceof NibTakenError)
          return formError(409, parsed.form, "workErrors.nibTaken", { nib: "workErrors.nibTaken" });
        if (err instanceof GroupRefused) return formError(409, parsed.form, err.key);
        throw err;
      }
    }
    const parsed = await parseForm(request, codeSchema);
    if (!parsed.ok) return parsed.response;
    const member = await producerById(parsed.data.memberId);
    if (!member || member.groupId !== producerId) throw new Response("Not found", { status: 404 });
    const code = await reissueClaimCode(staffId, member.id);
    if (!code) throw new Response("Not found", { status: 404 });
    return { ok: true as const, issued: { name: member.legalName, code } };
  } catch (err) {
    if (err instanceof GroupRefused) return formError(409, null, err.key);
    throw err;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  const intent = new URL(request.url).searchParams.get("intent");
  if (intent === "facilitator") {
    const parsed = await parseForm(request, facilitatorSchema);
    if (!parsed.ok) return parsed.response;
    try {
      if (!(await assignFacilitator(staff.id, params.id ?? "", parsed.data.facilitatorId || null)))
        throw new Response("Not found", { status: 404 });
    } catch (err) {
      if (err instanceof FacilitationRefused) return formError(409, parsed.form, err.key);
      throw err;
    }
    return { ok: true as const, saved: "facilitator" as const };
  }
  if (intent === "kind" || intent === "onboard" || intent === "code")
    return groupAction(request, staff.id, params.id ?? "", intent);
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  let decided;
  try {
    decided = await decideProducer(staff.id, params.id ?? "", parsed.data.decision, parsed.data.reason);
    if (!decided) throw new Response("Not found", { status: 404 });
  } catch (err) {
    if (err instanceof NoNibError) return formError(409, parsed.form, "workErrors.noNib");
    if (err instanceof IllegalDecisionError) return formError(409, parsed.form, "workErrors.alreadyDecided");
    throw err;
  }
  return redirect(
    withNotice(
      localePath(`/trade/producers/${params.id}`, routeLocale(params)),
      parsed.data.decision === "suspend" ? "producerSuspended" : "producerReinstated",
      { name: decided.legalName },
    ),
  );
}

export default function TradeProducer() {
  const {
    locale,
    producer,
    certificates,
    history,
    groupOf,
    members,
    regions,
    ladder,
    facilitatorId,
    facilitatorChoices,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{producer.legalName}</h1>
      <p>
        <span className={`status status-${producer.status}`} data-testid="producer-status">
          {t(`producerStatus.${producer.status}`)}
        </span>{" "}
        {producer.region} · {t(`scale.${producer.scale}`)} · NIB {producer.nib}
      </p>
      {producer.reviewNote && (
        <p className="notice">
          {t("sell.staffNote")} {producer.reviewNote}
        </p>
      )}
      {actionData && "issued" in actionData && <ClaimCodeNotice issued={actionData.issued} />}
      {actionData && "saved" in actionData && (
        <p className="notice" role="status">
          {t(actionData.saved === "facilitator" ? "facilitation.assigned" : "groups.kindSaved")}
        </p>
      )}
      <FormError failure={failure?.values.intent ? undefined : failure} />
      {failure?.fieldErrors.reason && <p className="form-error">{t(failure.fieldErrors.reason)}</p>}
      <Form method="post" className="row-actions">
        <CsrfInput />
        {producer.status === "SUSPENDED" ? (
          <button type="submit" name="decision" value="reinstate">
            {t("trade.reinstate")}
          </button>
        ) : (
          <>
            <label>
              {t("trade.reason")} <input name="reason" required minLength={3} maxLength={500} />
            </label>
            <button type="submit" name="decision" value="suspend">
              {t("trade.suspend")}
            </button>
          </>
        )}
      </Form>
      {ladder && <LadderCard ladder={ladder} />}
      <Form method="post" action="?intent=facilitator" className="row-actions" data-testid="assign-facilitator">
        <CsrfInput />
        <SelectField
          name="facilitatorId"
          label={t("facilitation.assignLabel")}
          defaultValue={facilitatorId ?? ""}
          options={[
            { value: "", label: t("facilitation.noFacilitator") },
            ...facilitatorChoices.map((f) => ({
              value: f.id,
              label: t("facilitation.caseloadCount", { name: f.name, count: f.caseload }),
            })),
          ]}
        />
        <button type="submit">{t("facilitation.assign")}</button>
      </Form>
      <GroupMembers
        locale={locale}
        kind={producer.kind}
        groupOf={groupOf}
        members={members}
        regions={regions}
        failure={failure}
      />
      <h2>{t("sell.certificatesTitle")}</h2>
      <ul>
        {certificates.map((c) => (
          <li key={c.id}>
            {t(`cert.${c.type}`)} {c.number} —{" "}
            <span className={`status status-${c.status}`}>{t(`certStatus.${c.status}`)}</span>
            {c.expiresAt && <> · {t("product.validUntil", { date: formatDate(c.expiresAt, locale) })}</>}
          </li>
        ))}
      </ul>
      <h2>{t("trade.history")}</h2>
      <ul className="history" data-testid="history">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{t(`audit.${h.action}`, { defaultValue: h.action })}</strong> · {formatDate(h.createdAt, locale)} ·{" "}
            {h.actor ?? t("trade.system")}
            {h.onBehalfOfId && <> ({t("facilitation.onBehalf")})</>}
            {h.after && typeof h.after === "object" && "reason" in h.after && h.after.reason ? (
              <> · “{String(h.after.reason)}”</>
            ) : null}
            {h.before &&
            typeof h.before === "object" &&
            "status" in h.before &&
            h.after &&
            typeof h.after === "object" &&
            "status" in h.after ? (
              <span className="meta">
                {" "}
                ({String(h.before.status)} → {String(h.after.status)})
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
