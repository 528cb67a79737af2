import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateScan } from "~/domain/certification/certificates.server";
import { hasRole, requireUser } from "~/lib/session.server";

/** A certificate scan: private, for the producer's own members and for staff only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scan = await certificateScan(params.id ?? "", { userId: user.id, isStaff: hasRole(user, "STAFF") });
  if (!scan) throw new Response("Not found", { status: 404 });
  return new Response(scan.bytes, {
    headers: {
      "Content-Type": scan.mime,
      "Cache-Control": "private, no-store",
      "Content-Disposition": `inline; filename="certificate-${params.id}.${scan.mime === "application/pdf" ? "pdf" : scan.mime.split("/")[1]}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
