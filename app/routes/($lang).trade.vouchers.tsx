import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure, SelectField } from "~/components/forms";
import { Price } from "~/components/price";
import { bpsToPercent, toInputString } from "~/domain/money";
import { voucherSchema, wibDay, VOUCHER_FUNDERS, VOUCHER_KINDS } from "~/domain/vouchers/schemas";
import {
  saveVoucher,
  voucherById,
  voucherList,
  voucherScopes,
  VoucherSaveRefused,
} from "~/domain/vouchers/vouchers.server";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["units", "vouchers"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const locale = routeLocale(params);
  const editId = new URL(request.url).searchParams.get("edit");
  const [vouchers, scopes, editing] = await Promise.all([
    voucherList(),
    voucherScopes(locale),
    editId ? voucherById(editId) : null,
  ]);
  const now = new Date();
  return {
    locale,
    scopes,
    vouchers: vouchers.map((v) => ({
      id: v.id,
      code: v.code,
      kind: v.kind,
      percent: v.percentBps ? bpsToPercent(v.percentBps) : null,
      maxDiscount: v.maxDiscount,
      amount: v.amount,
      minSpend: v.minSpend,
      from: wibDay(v.startsAt),
      to: wibDay(v.endsAt, true),
      usedCount: v.usedCount,
      totalLimit: v.totalLimit,
      perBuyerLimit: v.perBuyerLimit,
      fundedBy: v.fundedBy,
      scope: v.producer?.legalName ?? (v.category ? (locale === "en" ? v.category.nameEn : v.category.nameId) : null),
      live: v.active && v.startsAt <= now && now < v.endsAt,
      active: v.active,
      paidOrders: v.paidOrders,
      discountGiven: v.discountGiven,
    })),
    editing: editing && {
      id: editing.id,
      values: {
        code: editing.code,
        kind: editing.kind,
        percent: editing.percentBps ? bpsToPercent(editing.percentBps) : "",
        maxDiscount: editing.maxDiscount ? toInputString(editing.maxDiscount, "IDR") : "",
        amount: editing.amount ? toInputString(editing.amount, "IDR") : "",
        minSpend: editing.minSpend > 0n ? toInputString(editing.minSpend, "IDR") : "",
        startsOn: wibDay(editing.startsAt),
        endsOn: wibDay(editing.endsAt, true),
        totalLimit: editing.totalLimit ? String(editing.totalLimit) : "",
        perBuyerLimit: String(editing.perBuyerLimit),
        fundedBy: editing.fundedBy,
        producerId: editing.producerId ?? "",
        categoryId: editing.categoryId ?? "",
        active: editing.active,
      },
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, voucherSchema);
  if (!parsed.ok) return parsed.response;
  const id = String(parsed.form.get("id") ?? "") || null;
  try {
    const saved = await saveVoucher(staff.id, parsed.data, id);
    return { ok: true as const, saved: saved.code, locale: routeLocale(params) };
  } catch (err) {
    if (err instanceof VoucherSaveRefused)
      return formError(409, parsed.form, `vouchers.refused.${err.reason}`, {
        ...(err.reason === "code-taken" ? { code: `vouchers.refused.${err.reason}` } : {}),
      });
    throw err;
  }
}

/** The voucher's terms after its kind, in order: the amounts, the window and the limits. */
const TERM_FIELDS: Array<{
  name: "percent" | "maxDiscount" | "amount" | "minSpend" | "startsOn" | "endsOn" | "totalLimit" | "perBuyerLimit";
  hint?: boolean;
  date?: boolean;
}> = [
  { name: "percent", hint: true },
  { name: "maxDiscount", hint: true },
  { name: "amount", hint: true },
  { name: "minSpend", hint: true },
  { name: "startsOn", date: true },
  { name: "endsOn", date: true, hint: true },
  { name: "totalLimit", hint: true },
  { name: "perBuyerLimit" },
];

export default function TradeVouchers() {
  const { locale, vouchers, scopes, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const v = editing?.values;
  return (
    <div className="container wide">
      <h1>{t("vouchers.title")}</h1>
      <p>{t("vouchers.intro")}</p>
      {actionData && "saved" in actionData && (
        <p className="notice" role="status" data-testid="voucher-saved">
          {t("vouchers.saved", { code: actionData.saved })}
        </p>
      )}
      {vouchers.length === 0 ? (
        <p className="meta">{t("vouchers.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="summary" data-testid="voucher-list">
            <thead>
              <tr>
                <th scope="col">{t("vouchers.code")}</th>
                <th scope="col">{t("vouchers.terms")}</th>
                <th scope="col">{t("vouchers.window")}</th>
                <th scope="col">{t("vouchers.uses")}</th>
                <th scope="col">{t("vouchers.given")}</th>
                <th scope="col">{t("vouchers.status")}</th>
              </tr>
            </thead>
            <tbody>
              {vouchers.map((x) => (
                <tr key={x.id}>
                  <td>
                    <Link to={localePath(`/trade/vouchers?edit=${x.id}`, locale)}>
                      <code>{x.code}</code>
                    </Link>
                  </td>
                  <td>
                    {x.kind === "PERCENT" ? (
                      <>
                        {x.percent}%
                        {x.maxDiscount !== null && (
                          <>
                            {" "}
                            {t("vouchers.upTo")} <Price amount={x.maxDiscount} currency="IDR" />
                          </>
                        )}
                      </>
                    ) : (
                      <Price amount={x.amount ?? 0n} currency="IDR" />
                    )}
                    {x.minSpend > 0n && (
                      <span className="meta">
                        {" "}
                        · {t("vouchers.minSpendShort")} <Price amount={x.minSpend} currency="IDR" />
                      </span>
                    )}
                    <span className="meta">
                      {" "}
                      · {t(`vouchers.funder.${x.fundedBy}`)}
                      {x.scope && ` · ${x.scope}`}
                    </span>
                  </td>
                  <td>
                    {x.from} – {x.to}
                  </td>
                  <td>
                    {x.totalLimit === null
                      ? t("vouchers.usedUnlimited", { used: x.usedCount })
                      : t("vouchers.used", { used: x.usedCount, limit: x.totalLimit })}
                    <span className="meta"> · {t("vouchers.perBuyerShort", { count: x.perBuyerLimit })}</span>
                  </td>
                  <td>
                    <Price amount={x.discountGiven} currency="IDR" />{" "}
                    <span className="meta">{t("vouchers.paidOrders", { count: x.paidOrders })}</span>
                  </td>
                  <td>{t(x.live ? "vouchers.live" : x.active ? "vouchers.notLive" : "vouchers.off")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="voucher-form">{editing ? t("vouchers.edit", { code: editing.values.code }) : t("vouchers.new")}</h2>
      {editing && (
        <p>
          <Link to={localePath("/trade/vouchers", locale)}>{t("vouchers.newInstead")}</Link>
        </p>
      )}
      <Form method="post" noValidate className="fieldset" key={editing?.id ?? "new"}>
        <CsrfInput />
        {editing && <input type="hidden" name="id" value={editing.id} />}
        <FormError failure={failure} />
        <Field
          name="code"
          label={t("vouchers.code")}
          hint={t("vouchers.codeHint")}
          defaultValue={v?.code}
          failure={failure}
        />
        <SelectField
          name="kind"
          label={t("vouchers.kind")}
          options={VOUCHER_KINDS.map((k) => ({ value: k, label: t(`vouchers.kinds.${k}`) }))}
          defaultValue={v?.kind ?? "PERCENT"}
          failure={failure}
        />
        {TERM_FIELDS.map((field) => (
          <Field
            key={field.name}
            name={field.name}
            type={field.date ? "date" : undefined}
            inputMode={field.date ? undefined : field.name === "percent" ? "decimal" : "numeric"}
            label={t(`vouchers.${field.name}`)}
            hint={field.hint ? t(`vouchers.${field.name}Hint`) : undefined}
            defaultValue={
              v?.[field.name] ?? (field.name === "startsOn" ? today : field.name === "perBuyerLimit" ? "1" : "")
            }
            failure={failure}
          />
        ))}
        <SelectField
          name="fundedBy"
          label={t("vouchers.fundedBy")}
          options={VOUCHER_FUNDERS.map((f) => ({ value: f, label: t(`vouchers.funder.${f}`) }))}
          defaultValue={v?.fundedBy ?? "PLATFORM"}
          failure={failure}
        />
        <SelectField
          name="producerId"
          label={t("vouchers.producer")}
          options={scopes.producers}
          defaultValue={v?.producerId}
          failure={failure}
        />
        <p className="hint">{t("vouchers.producerHint")}</p>
        <SelectField
          name="categoryId"
          label={t("vouchers.category")}
          options={scopes.categories}
          defaultValue={v?.categoryId}
          failure={failure}
        />
        <label className="choice">
          <input
            type="checkbox"
            name="active"
            defaultChecked={failure ? failure.values.active === "on" : (v?.active ?? true)}
          />{" "}
          {t("vouchers.active")}
        </label>
        <button type="submit" disabled={busy}>
          {t("vouchers.save")}
        </button>
      </Form>
    </div>
  );
}
