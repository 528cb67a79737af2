import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it("reads the ways Indonesian numbers are typed as one number", () => {
    for (const typed of ["0812-3456-7890", "081234567890", "62 812 3456 7890", "+62 (812) 3456-7890", "812 3456 7890"])
      expect(normalizePhone(typed)).toBe("+6281234567890");
    expect(normalizePhone("+60 12-345 6789")).toBe("+60123456789");
  });

  it("refuses what is not a phone number", () => {
    for (const typed of ["", "abc", "0812", "+62 0812 3456 7890", "12345678", "+6281234567890123", "0812345678901234"])
      expect(normalizePhone(typed)).toBeNull();
  });

  it("is idempotent and independent of how the digits are grouped", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^8[1-9][0-9]{7,9}$/),
        fc.constantFrom("0", "62", "+62", "+62 "),
        fc.array(fc.constantFrom(" ", "-"), { maxLength: 3 }),
        (rest, prefix, seps) => {
          let typed = rest;
          seps.forEach((sep, i) => {
            const at = 3 + i * 3;
            typed = typed.slice(0, at) + sep + typed.slice(at);
          });
          const n = normalizePhone(prefix + typed);
          expect(n).toBe(`+62${rest}`);
          expect(normalizePhone(n!)).toBe(n);
        },
      ),
    );
  });
});
