import { AreaLayout } from "~/components/area-nav";

/** Every staff page: the trading house's menu above it. */
export default function TradeLayout() {
  return <AreaLayout area="trade" />;
}
