import type { LoaderFunctionArgs } from "@remix-run/node";
import { impactCsv, impactFigures } from "~/domain/trade/impact.server";
import { requireRole } from "~/lib/session.server";

/** The impact table (month × kabupaten) as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const { table } = await impactFigures();
  return new Response(impactCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="anjung-impact.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
