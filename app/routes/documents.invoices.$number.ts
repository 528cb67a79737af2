import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDocument, pdfDownload } from "~/domain/trade/documents.server";
import { invoiceOfBuyer } from "~/domain/trade/receivables.server";
import { requireUser } from "~/lib/session.server";

/** A proforma invoice as PDF, for the members of the buyer company it was issued to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invoice = await invoiceOfBuyer(user.id, params.number ?? "");
  // another company's invoice is "not found", never "forbidden": numbers are not disclosed
  if (!invoice) throw new Response("Not found", { status: 404 });
  const doc = await exportDocument(invoice.lotId, "proforma");
  if (!doc) throw new Response("Not found", { status: 404 });
  return pdfDownload(doc);
}
