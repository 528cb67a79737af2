import type { LoaderFunctionArgs } from "@remix-run/node";
import { checklistEvidence } from "~/domain/trade/checklist.server";
import { privateFileResponse } from "~/lib/private-file.server";
import { requireRole } from "~/lib/session.server";

/** The evidence staff attached to a lot's checklist item (staff only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const file = await checklistEvidence(params.id ?? "", params.requirementId ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return privateFileResponse(file.bytes, file.mime, `evidence-${params.requirementId}`);
}
