/**
 * The image pipeline: every product photo goes through here, uploaded or seeded.
 * The type is detected from the content (never the name); EXIF orientation is applied
 * and all metadata (GPS included) stripped; sharp's pixel limit refuses decompression
 * bombs. Variants are AVIF and WebP at fixed widths, stored content-addressed and served
 * as immutable files under /media.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata, type OutputInfo } from "sharp";

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** 40 megapixels: any real phone photo fits, a 20,000×20,000 bomb does not. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const VARIANT_WIDTHS = [320, 640, 960] as const;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "heif"]);

export type ImageRefusal = "too-large" | "not-an-image" | "too-many-pixels" | "corrupt" | "heic-unsupported";

export class ImageRefused extends Error {
  constructor(readonly reason: ImageRefusal) {
    super(`image refused: ${reason}`);
  }
}

export type StoredImage = { key: string; width: number; height: number; widths: number[] };

/** Checks an upload without decoding the pixels: size, real format, dimensions. */
export async function inspectImage(input: Buffer) {
  if (input.length > MAX_UPLOAD_BYTES) throw new ImageRefused("too-large");
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefused("not-an-image");
  }
  if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) throw new ImageRefused("not-an-image");
  // HEIC (HEIF with HEVC) is recognised, but the libvips that ships with sharp cannot decode
  // HEVC (patents); say so clearly instead of failing later in the variants job.
  if (meta.format === "heif" && meta.compression === "hevc") throw new ImageRefused("heic-unsupported");
  if (!meta.width || !meta.height) throw new ImageRefused("corrupt");
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new ImageRefused("too-many-pixels");
  return meta;
}

/**
 * Normalises an image and writes its variants under `uploadsDir`. Idempotent: the key
 * is the hash of the normalised pixels, so the same photo is stored once.
 */
export async function storeImage(
  input: Buffer,
  uploadsDir: string,
  opts: { avifEffort?: number } = {},
): Promise<StoredImage> {
  await inspectImage(input);
  let base: { data: Buffer; info: OutputInfo };
  try {
    base = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate() // apply EXIF orientation; metadata is not copied to the output
      .resize({ width: 1600, height: 1600, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw new ImageRefused("too-many-pixels");
    throw new ImageRefused("corrupt");
  }
  const key = crypto.createHash("sha256").update(base.data).digest("hex").slice(0, 24);
  const { width, height } = base.info;
  const widths = VARIANT_WIDTHS.filter((w) => w <= width);
  if (widths.length === 0) widths.push(width as (typeof VARIANT_WIDTHS)[number]);
  await fs.mkdir(uploadsDir, { recursive: true });
  for (const w of widths) {
    const resized = sharp(base.data).resize({ width: w });
    const webpPath = path.join(uploadsDir, `${key}-${w}.webp`);
    const avifPath = path.join(uploadsDir, `${key}-${w}.avif`);
    if (!(await exists(webpPath)))
      await writeAtomic(webpPath, await resized.clone().webp({ quality: 74, effort: 4 }).toBuffer());
    if (!(await exists(avifPath)))
      await writeAtomic(
        avifPath,
        await resized
          .clone()
          .avif({ quality: 50, effort: opts.avifEffort ?? 2 })
          .toBuffer(),
      );
  }
  return { key, width, height, widths: [...widths] };
}

async function exists(p: string) {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

async function writeAtomic(file: string, data: Buffer) {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}
