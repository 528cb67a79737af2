/** A PDF built by pdfkit, collected into one Buffer (documents, statements). */
import PDFDocument from "pdfkit";

export function renderPdf(
  options: PDFKit.PDFDocumentOptions,
  build: (doc: PDFKit.PDFDocument) => Promise<void> | void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    Promise.resolve(build(doc)).then(() => doc.end(), reject);
  });
}

/** A generated document as a private PDF download. */
export function pdfDownload(doc: { filename: string; pdf: Buffer }) {
  return new Response(new Uint8Array(doc.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${doc.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
