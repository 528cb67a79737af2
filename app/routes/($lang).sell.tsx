import { AreaLayout } from "~/components/area-nav";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["sellNav", "workErrors"] };

/** Every producer page: the producer's menu above it. */
export default function SellLayout() {
  return <AreaLayout area="sell" />;
}
