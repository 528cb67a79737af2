import { AreaLayout } from "~/components/area-nav";

/** Every producer page: the producer's menu above it. */
export default function SellLayout() {
  return <AreaLayout area="sell" />;
}
