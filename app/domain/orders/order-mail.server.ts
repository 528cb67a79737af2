/** The mails an order sends at each step, in the buyer's language (producers in theirs). */
import type { Tx } from "~/lib/db.server";
import type { MarketSettings, Order } from "~/generated/prisma/client";
import { lineLabel } from "./lines";
import { appUrl } from "~/lib/env.server";
import { formatDate } from "~/lib/format";
import { formatMoney } from "~/domain/money";
import type { AppLocale } from "~/lib/i18n";
import { serverT } from "~/lib/i18n.server";
import { producerAddress, producerLocale, sendMail } from "~/lib/mail.server";
import { orderPath } from "./orders.server";
import { marketSettings } from "./settings.server";

export type OrderMailKind =
  "awaiting-transfer" | "cancelled" | "paid" | "shipped" | "received" | "auto-completed" | "refunded" | "late-payment";

export async function orderMail(
  tx: Tx,
  orderId: string,
  kind: OrderMailKind,
  extra: { amount?: bigint; tracking?: string; producer?: string } = {},
  known: { order?: Order; settings?: MarketSettings } = {},
) {
  // a caller that holds the rows already (checkout, under its locks) saves the reads
  const order = known.order ?? (await tx.order.findUniqueOrThrow({ where: { id: orderId } }));
  const locale = order.locale as AppLocale;
  const t = serverT(locale);
  const link = `${appUrl()}${orderPath(order, locale)}`;
  const vars: Record<string, string> = {
    number: order.number,
    name: order.shippingName,
    link,
    total: formatMoney(order.totalAmount, order.currency, locale),
    amount: formatMoney(extra.amount ?? order.transferAmount ?? order.totalAmount, order.currency, locale),
    tracking: extra.tracking ?? "",
    producer: extra.producer ?? "",
  };
  if (kind === "awaiting-transfer") {
    const s = known.settings ?? (await marketSettings(tx));
    Object.assign(vars, {
      bank: s.bankName,
      account: s.bankAccountNo,
      holder: s.bankAccountName,
      deadline: order.reservedUntil
        ? `${formatDate(order.reservedUntil, locale)} ${order.reservedUntil.toISOString().slice(11, 16)} UTC`
        : "",
    });
  }
  await sendMail(
    {
      to: order.email,
      kind: `order.${kind}`,
      locale,
      subject: t(`mail.order.${kind}.subject`, vars),
      text: t(`mail.order.${kind}.body`, vars),
    },
    tx,
  );
}

/** A producer learns it has part of a paid order to pack. */
export async function fulfilmentMail(tx: Tx, fulfilmentId: string) {
  const f = await tx.fulfilment.findUniqueOrThrow({
    where: { id: fulfilmentId },
    include: { producer: true, order: true, lines: true },
  });
  const to = await producerAddress(tx, f.producerId);
  if (!to) return;
  const locale = await producerLocale(tx, f.producerId);
  const t = serverT(locale);
  const vars = {
    number: f.order.number,
    producer: f.producer.legalName,
    items: f.lines.map((l) => `${l.quantity} × ${lineLabel(l, locale)}`).join("\n"),
    link: `${appUrl()}/sell/orders`,
  };
  await sendMail(
    {
      to,
      kind: "fulfilment.new",
      locale,
      subject: t("mail.fulfilment.subject", vars),
      text: t("mail.fulfilment.body", vars),
    },
    tx,
  );
}
