import type { LoaderFunctionArgs } from "@remix-run/node";
import { ownStatementPdf } from "~/domain/ledger/statement.server";
import { pdfDownload } from "~/lib/pdf.server";
import { requireProducerMember } from "~/lib/producer-access.server";
import { routeLocale } from "~/lib/request.server";

/** A statement's PDF, for the producer it belongs to only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const { producer } = await requireProducerMember(request, locale);
  const doc = await ownStatementPdf(producer.id, params.token ?? "", locale);
  if (!doc) throw new Response("Not found", { status: 404 });
  return pdfDownload(doc);
}
