import type { LoaderFunctionArgs } from "@remix-run/node";
import { templateCsv } from "~/domain/imports/registry-import.server";
import { requireRole } from "~/lib/session.server";

/** The registry CSV template, with two example rows. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  return new Response(templateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="anjung-registry-template.csv"',
    },
  });
}
