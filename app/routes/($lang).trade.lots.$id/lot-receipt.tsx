import { Form } from "@remix-run/react";
import { CsrfInput, Field, type ActionFailure } from "~/components/forms";
import { useTranslation } from "~/lib/translate";

/**
 * Staff record what arrived for one allocation. For food the batch code and the expiry
 * printed on the goods are asked too (the server refuses food without them, or with too
 * short a shelf life for the destination).
 */
export function ReceiptForm({
  allocationId,
  quantity,
  food,
  failure,
}: {
  allocationId: string;
  quantity: number;
  food: boolean;
  failure?: ActionFailure;
}) {
  const { t } = useTranslation();
  // what the person typed, and why it was refused, come back to this allocation's form only
  const mine = failure?.values.allocationId === allocationId ? failure : undefined;
  return (
    <Form method="post" noValidate className="qty-form receipt-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="receive" />
      <input type="hidden" name="allocationId" value={allocationId} />
      <label htmlFor={`rcv-${allocationId}`}>{t("lots.received")}</label>
      <input
        id={`rcv-${allocationId}`}
        name="received"
        type="number"
        min={0}
        max={quantity}
        defaultValue={mine?.values.received ?? quantity}
        className="qty"
      />
      {food && (
        <>
          <Field
            name="batchCode"
            label={t("batches.code")}
            hint={t("batches.codeHint")}
            idPrefix={`${allocationId}-`}
            failure={mine}
            required
          />
          <Field
            name="expiresOn"
            type="date"
            label={t("batches.expiresOn")}
            idPrefix={`${allocationId}-`}
            failure={mine}
            required
          />
        </>
      )}
      <button type="submit" className="button-small-solid">
        {t("lots.recordReceipt")}
      </button>
    </Form>
  );
}
