import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { formatDate } from "~/lib/format";
import { convertFromIdr, formatMoney } from "~/domain/money";
import type { RootData } from "~/root";

/** A price of record (IDR) and, when the buyer chose one, its approximate display currency. */
export function Price({
  amount,
  currency,
  showRateDate = false,
}: {
  amount: bigint;
  currency: string;
  showRateDate?: boolean;
}) {
  const root = useRouteLoaderData<RootData>("root");
  const { t } = useTranslation();
  const locale = root?.locale ?? "id";
  const rate = root?.displayRate;
  return (
    <>
      <span className="price">{formatMoney(amount, currency, locale)}</span>
      {rate && currency === "IDR" && (
        <span className="price-alt">
          {" "}
          ≈ {formatMoney(convertFromIdr(amount, rate), rate.currency, locale)}
          {showRateDate && <small> ({t("currency.rateOn", { date: formatDate(rate.rateDate, locale) })})</small>}
        </span>
      )}
    </>
  );
}
