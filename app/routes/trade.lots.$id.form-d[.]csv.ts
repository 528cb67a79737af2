import type { LoaderFunctionArgs } from "@remix-run/node";
import { formDCsv } from "~/domain/trade/documents.server";
import { requireRole } from "~/lib/session.server";

/** A lot's certificate-of-origin (Form D) data as CSV for the issuing office (staff only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const file = await formDCsv(params.id ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(file.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
