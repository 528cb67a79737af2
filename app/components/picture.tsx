/** Responsive image from the sharp variants: AVIF, then WebP, explicit size (no layout shift). */
export function mediaUrl(key: string, width: number, format: "avif" | "webp") {
  return `/media/${key}-${width}.${format}`;
}

type Image = { key: string; width: number; height: number; widths: number[]; alt: string };

export function Picture({ image, sizes, eager = false }: { image: Image; sizes: string; eager?: boolean }) {
  const widths = [...image.widths].sort((a, b) => a - b);
  const srcSet = (fmt: "avif" | "webp") => widths.map((w) => `${mediaUrl(image.key, w, fmt)} ${w}w`).join(", ");
  const fallback = widths[Math.min(1, widths.length - 1)];
  return (
    <picture>
      <source type="image/avif" srcSet={srcSet("avif")} sizes={sizes} />
      <source type="image/webp" srcSet={srcSet("webp")} sizes={sizes} />
      <img
        src={mediaUrl(image.key, fallback, "webp")}
        alt={image.alt}
        width={image.width}
        height={image.height}
        loading={eager ? "eager" : "lazy"}
        decoding="async"
      />
    </picture>
  );
}
