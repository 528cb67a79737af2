/**
 * A private uploaded file (a certificate scan, a checklist's evidence) answered inline, never
 * cached, and sandboxed: a PDF or an image cannot run script or reach anything else.
 */
export function privateFileResponse(bytes: Buffer, mime: string, name: string) {
  const ext = mime === "application/pdf" ? "pdf" : mime.split("/")[1];
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": mime,
      "Cache-Control": "private, no-store",
      "Content-Disposition": `inline; filename="${name}.${ext}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
