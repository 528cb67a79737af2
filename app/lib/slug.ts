/** The URL slug of a name: lowercase ASCII words joined by hyphens, at most `max` characters. */
export function slugify(name: string, fallback = "item", max = 60) {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, max) || fallback
  );
}
