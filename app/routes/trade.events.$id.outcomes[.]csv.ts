import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventOutcomesCsv } from "~/domain/events/events.server";
import { requireRole } from "~/lib/session.server";

/** An event's outcomes week by week (cumulative), as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  const csv = await eventOutcomesCsv(params.id ?? "");
  if (csv === null) throw new Response("Not found", { status: 404 });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="anjung-event-outcomes.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
