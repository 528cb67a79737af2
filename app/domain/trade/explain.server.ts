/** The allocator's reasons, ready for t(): region codes become names. */
import { regencyLabel } from "../regions";

export type Explained = { key: string; params: Record<string, string | number> };

export function explain(stored: string | null): Explained | null {
  if (!stored) return null;
  try {
    const r = JSON.parse(stored) as Explained;
    const params = { ...r.params };
    if (typeof params.regency === "string" && /^\d{2}\.\d{2}$/.test(params.regency))
      params.regency = regencyLabel(params.regency);
    return { key: r.key, params };
  } catch {
    return null;
  }
}
