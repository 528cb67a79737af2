/** Files for upload tests, made here rather than checked in. */
import zlib from "node:zlib";
import sharp from "sharp";

export async function photoJpeg(opts: { width?: number; height?: number; gps?: boolean; orientation?: number } = {}) {
  const img = sharp({
    create: { width: opts.width ?? 800, height: opts.height ?? 600, channels: 3, background: { r: 150, g: 90, b: 40 } },
  }).jpeg({ quality: 80 });
  if (opts.gps || opts.orientation) {
    img.withMetadata({
      orientation: opts.orientation,
      exif: opts.gps
        ? {
            IFD3: {
              GPSLatitudeRef: "S",
              GPSLatitude: "2/1 12/1 0/1",
              GPSLongitudeRef: "E",
              GPSLongitude: "113/1 55/1 0/1",
            },
          }
        : undefined,
    });
  }
  return img.toBuffer();
}

export async function photoPng(width = 640, height = 480) {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 60 } } })
    .png()
    .toBuffer();
}

function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A small file that claims 20,000 × 20,000 pixels: a decompression bomb. */
export function pngBomb(size = 20_000) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + size * 3); // one filtered row of zeros; the rest is missing
  const idat = zlib.deflateSync(row);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export function pdfBytes() {
  return Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");
}

export function bigFile(bytes = 16 * 1024 * 1024) {
  const b = Buffer.alloc(bytes, 0x41);
  b.write("\xff\xd8\xff\xe0", 0, "latin1"); // looks like a JPEG at the start
  return b;
}

/** A multipart request as a browser sends it. */
export function multipartRequest(
  path: string,
  fields: Record<string, string>,
  files: Array<{ field: string; name: string; type: string; bytes: Buffer }>,
  cookie: string,
  csrf: string,
) {
  const fd = new FormData();
  fd.set("csrf", csrf);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  for (const f of files) fd.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return new Request(`http://localhost:3999${path}`, {
    method: "POST",
    body: fd,
    headers: { Cookie: `__csrf=${csrf}; ${cookie}` },
  });
}

/** The text of every page of a generated PDF, as a reader would extract it. */
export async function pdfText(pdf: Buffer) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    text += (await page.getTextContent()).items.map((it) => ("str" in it ? it.str : "")).join(" ") + "\n";
  }
  return text;
}
