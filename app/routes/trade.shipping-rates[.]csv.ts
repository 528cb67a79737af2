import type { LoaderFunctionArgs } from "@remix-run/node";
import { rateCardsCsv, rateTemplateCsv } from "~/domain/shipping/rate-cards.server";
import { requireRole } from "~/lib/session.server";

/** Every rate card as CSV (to edit in a spreadsheet and import again), or `?template=1`: the columns and two examples. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const template = new URL(request.url).searchParams.has("template");
  return new Response(template ? rateTemplateCsv() : await rateCardsCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${template ? "anjung-rate-template.csv" : "anjung-rates.csv"}"`,
    },
  });
}
