import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDocument, pdfDownload, type DocumentKind } from "~/domain/trade/documents.server";
import { requireRole } from "~/lib/session.server";

const KINDS: DocumentKind[] = ["invoice", "packing-list", "origin", "proforma"];

/** An export document of a lot, as PDF (staff only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const kind = KINDS.find((k) => k === params.kind);
  if (!kind) throw new Response("Not found", { status: 404 });
  const doc = await exportDocument(params.id ?? "", kind);
  if (!doc) throw new Response("Not found", { status: 404 });
  return pdfDownload(doc);
}
