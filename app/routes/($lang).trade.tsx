import { AreaLayout } from "~/components/area-nav";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["tradeNav", "workErrors"] };

/** Every staff page: the trading house's menu above it. */
export default function TradeLayout() {
  return <AreaLayout area="trade" />;
}
