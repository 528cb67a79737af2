import { useEffect } from "react";
import { Form, useRevalidator } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { CsrfInput } from "./forms";
import { Price } from "./price";

type Gateway = {
  channel: string | null;
  vaNumber: string | null;
  expiresAt: Date | string | null;
  qrSvg: string | null;
};

/**
 * How to pay a QRIS or virtual-account order: the QR code (drawn on the server) or the bank's
 * account number, the exact amount and until when. A button asks the gateway at once; with
 * JavaScript the page also looks again every few seconds, so the buyer sees "paid" by itself.
 */
export function GatewayPayment({
  gateway,
  amount,
  currency,
  locale,
  checked,
}: {
  gateway: Gateway;
  amount: bigint;
  currency: string;
  locale: AppLocale;
  checked: boolean;
}) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 5000);
    return () => clearInterval(timer);
  }, [revalidator]);
  const qris = gateway.channel === "QRIS";
  return (
    <section className="transfer" aria-labelledby="gateway-h" data-testid="gateway-payment">
      <h2 id="gateway-h">{t(qris ? "order.qrisTitle" : "order.vaTitle", { bank: gateway.channel ?? "" })}</h2>
      {qris && gateway.qrSvg ? (
        <>
          <div
            className="qris-code"
            role="img"
            aria-label={t("order.qrisAlt")}
            data-testid="qris-code"
            dangerouslySetInnerHTML={{ __html: gateway.qrSvg }}
          />
          <p>{t("order.qrisHow")}</p>
        </>
      ) : (
        <dl className="facts">
          <dt>{t("order.vaBank")}</dt>
          <dd>{gateway.channel}</dd>
          <dt>{t("order.vaNumber")}</dt>
          <dd>
            <strong data-testid="va-number">{gateway.vaNumber}</strong>
          </dd>
        </dl>
      )}
      <dl className="facts">
        <dt>{t("order.transferAmount")}</dt>
        <dd>
          <strong>
            <Price amount={amount} currency={currency} />
          </strong>
        </dd>
        {gateway.expiresAt && (
          <>
            <dt>{t("order.payBefore")}</dt>
            <dd>{formatDateTime(gateway.expiresAt, locale)}</dd>
          </>
        )}
      </dl>
      {!qris && <p className="meta">{t("order.vaHow")}</p>}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="check" />
        <button type="submit">{t("order.checkPayment")}</button>
      </Form>
      {checked && (
        <p className="notice" role="status" data-testid="payment-checked">
          {t("order.notPaidYet")}
        </p>
      )}
    </section>
  );
}
