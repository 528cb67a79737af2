/** Reading a job's payload: a malformed payload is an error worth seeing, not a silent no-op. */
export function stringField(payload: unknown, key: string): string {
  const v = (payload as Record<string, unknown> | null)?.[key];
  if (typeof v !== "string" || !v) throw new Error(`payload.${key} missing`);
  return v;
}

export function stringList(payload: unknown, key: string): string[] {
  const v = (payload as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new Error(`payload.${key} missing`);
  return v as string[];
}
