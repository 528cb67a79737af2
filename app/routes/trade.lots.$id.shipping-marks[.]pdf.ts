import type { LoaderFunctionArgs } from "@remix-run/node";
import { shippingMarks } from "~/domain/trade/cartons.server";
import { pdfDownload } from "~/domain/trade/documents.server";
import { requireRole } from "~/lib/session.server";

/** The lot's shipping marks: one A6 label per carton (staff only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const marks = await shippingMarks(params.id ?? "");
  if (!marks) throw new Response("Not found", { status: 404 });
  return pdfDownload(marks);
}
