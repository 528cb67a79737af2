import type { LoaderFunctionArgs } from "@remix-run/node";
import { payoutCsv } from "~/domain/ledger/payouts.server";
import { requireRole } from "~/lib/session.server";

/** A payout batch as the bank's bulk-transfer CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const file = await payoutCsv(params.id ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(file.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="anjung-payout-${file.reference}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
