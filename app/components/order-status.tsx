/** An order's status as a badge (lists import this alone; order-parts.tsx has the parcels). */
import { useTranslation } from "~/lib/translate";

export function OrderStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className="status" data-testid="order-status">
      {t(`orderStatus.${status}`)}
    </span>
  );
}
