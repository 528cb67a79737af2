import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateScan } from "~/domain/certification/certificates.server";
import { privateFileResponse } from "~/lib/private-file.server";
import { hasRole, requireUser } from "~/lib/session.server";

/** A certificate scan: private, for the producer's own members and for staff only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scan = await certificateScan(params.id ?? "", { userId: user.id, isStaff: hasRole(user, "STAFF") });
  if (!scan) throw new Response("Not found", { status: 404 });
  return privateFileResponse(scan.bytes, scan.mime, `certificate-${params.id}`);
}
