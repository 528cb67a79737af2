import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { regencyLabel } from "~/domain/regions/regions";
import { groupSupply, setMemberSupply } from "~/domain/trade/groups.server";
import { formatNumber } from "~/lib/format";
import { failure as formFailure, formValues, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { requireProducerMember } from "~/lib/producer-access.server";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["groups", "producerStatus", "scale", "sell", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** A koperasi's page: what each member has ready of each of its products (trade/groups.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const { producer } = await requireProducerMember(request, locale);
  if (producer.kind === "INDIVIDUAL") return { locale, isGroup: false as const, products: [], members: [] };
  const { products, members } = await groupSupply(producer.id);
  return {
    locale,
    isGroup: true as const,
    products: products.map((p) => ({ id: p.id, name: locale === "en" ? p.nameEn : p.nameId })),
    members: members.map((m) => ({
      id: m.id,
      legalName: m.legalName,
      status: m.status,
      scale: m.scale,
      region: regencyLabel(m.regencyCode),
      units: Object.fromEntries(m.supplies.map((s) => [s.productId, s.units])),
    })),
  };
}

const units = z.coerce
  .number({ error: "groups.errors.units" })
  .int({ error: "groups.errors.units" })
  .min(0, { error: "groups.errors.units" })
  .max(1_000_000, { error: "groups.errors.units" });

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const { user, producer } = await requireProducerMember(request, locale);
  if (producer.kind === "INDIVIDUAL") throw new Response("Not found", { status: 404 });
  const { products, members } = await groupSupply(producer.id);
  const parsed = await parseForm(request, z.object({ memberId: z.string().min(1).max(40) }).loose());
  if (!parsed.ok) return parsed.response;
  const member = members.find((m) => m.id === parsed.data.memberId);
  if (!member) throw new Response("Not found", { status: 404 });
  const wanted = new Map<string, number>();
  const fieldErrors: Record<string, string> = {};
  for (const p of products) {
    const raw = parsed.form.get(`supply-${p.id}`);
    if (raw === null) continue;
    const n = units.safeParse(String(raw).trim() === "" ? 0 : raw);
    if (n.success) wanted.set(p.id, n.data);
    else fieldErrors[`supply-${p.id}`] = "groups.errors.units";
  }
  if (Object.keys(fieldErrors).length)
    return formFailure(400, { formError: "errors.formInvalid", fieldErrors, values: formValues(parsed.form) });
  for (const [productId, n] of wanted) await setMemberSupply(producer.id, user.id, productId, member.id, n);
  return { ok: true as const, saved: member.legalName };
}

export default function GroupSupply() {
  const { locale, isGroup, products, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("groups.supplyTitle")}</h1>
      <p>
        <Link to={localePath("/sell", locale)}>{t("sell.dashboardTitle")}</Link>
      </p>
      {!isGroup ? (
        <p>{t("groups.notGroupPage")}</p>
      ) : (
        <>
          <p>{t("groups.supplyIntro")}</p>
          {actionData && "saved" in actionData && (
            <p className="notice" role="status">
              {t("groups.supplySaved", { name: actionData.saved })}
            </p>
          )}
          {products.length === 0 && <p>{t("groups.noProducts")}</p>}
          {products.map((p) => (
            <p key={p.id} className="meta" data-testid="supply-total">
              {p.name} ·{" "}
              {t("groups.totalSupply", {
                total: formatNumber(
                  members.reduce((s, m) => s + (m.units[p.id] ?? 0), 0),
                  locale,
                ),
              })}
            </p>
          ))}
          {members.length === 0 && <p>{t("groups.none")}</p>}
          {products.length > 0 &&
            members.map((m) => {
              const mine = failure?.values.memberId === m.id ? failure : undefined;
              return (
                <section key={m.id} className="parcel" data-testid="member-supply" aria-label={m.legalName}>
                  <h2>{m.legalName}</h2>
                  <p className="meta">
                    {m.region} · {t(`scale.${m.scale}`)} · {t(`producerStatus.${m.status}`)}
                  </p>
                  <Form method="post" noValidate className="stack">
                    <CsrfInput />
                    <input type="hidden" name="memberId" value={m.id} />
                    <FormError failure={mine} />
                    {products.map((p) => (
                      <Field
                        key={p.id}
                        idPrefix={`${m.id}-`}
                        name={`supply-${p.id}`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        label={t("groups.units", { product: p.name })}
                        defaultValue={String(m.units[p.id] ?? 0)}
                        failure={mine}
                      />
                    ))}
                    <button type="submit">{t("groups.saveSupply")}</button>
                  </Form>
                </section>
              );
            })}
        </>
      )}
    </div>
  );
}
