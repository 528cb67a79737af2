import type { LoaderFunctionArgs } from "@remix-run/node";
import { ladderCsv, ladderImpact } from "~/domain/producers/ladder-history.server";
import { requireRole } from "~/lib/session.server";

/** Producers per naik kelas step, per kabupaten now and per month, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  return new Response(ladderCsv(await ladderImpact()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="anjung-naik-kelas.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
