import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gtinCheckDigit, isValidGtin, normaliseGtin, storedGtinForms, toGtin14 } from "./gtin";

describe("GTIN check digits", () => {
  it("accepts real numbers of each length and refuses a wrong check digit", () => {
    // GS1's own examples: GTIN-13 4006381333931, GTIN-12 036000291452, GTIN-8 96385074, GTIN-14 10614141000415
    for (const ok of ["4006381333931", "036000291452", "96385074", "10614141000415", "8991234567891"])
      expect(isValidGtin(ok)).toBe(true);
    for (const bad of ["4006381333932", "036000291450", "96385070", "123", "40063813339311", "4OO6381333931"])
      expect(isValidGtin(bad)).toBe(false);
    expect(normaliseGtin("899 1234 56789-1")).toBe("8991234567891");
  });

  it("catches every single-digit typo", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(11), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const gtin = body + gtinCheckDigit(body);
        const typo = gtin.slice(0, pos) + ((Number(gtin[pos]) + delta) % 10) + gtin.slice(pos + 1);
        return isValidGtin(gtin) && !isValidGtin(typo);
      }),
    );
  });
});

describe("Digital Link GTIN forms", () => {
  it("pads to 14 digits and finds the stored forms whose dropped digits are zeros", () => {
    expect(toGtin14("8991234567891")).toBe("08991234567891");
    expect(storedGtinForms("08991234567891")).toEqual(["08991234567891", "8991234567891"]);
    expect(storedGtinForms("8991234567891")).toEqual(["08991234567891", "8991234567891"]);
    expect(storedGtinForms("10614141000415")).toEqual(["10614141000415"]);
    expect(storedGtinForms("96385074")).toEqual(["00000096385074", "0000096385074", "000096385074", "96385074"]);
    expect(storedGtinForms("08991234567890")).toEqual([]);
  });

  it("every stored form of a valid GTIN is itself valid and pads back to the same 14 digits", () => {
    fc.assert(
      fc.property(fc.constantFrom(7, 11, 12, 13), fc.stringMatching(/^[0-9]{13}$/), (len, digits) => {
        const body = digits.slice(0, len);
        const gtin = body + gtinCheckDigit(body);
        const forms = storedGtinForms(gtin);
        expect(forms).toContain(gtin);
        for (const f of forms) {
          expect(isValidGtin(f)).toBe(true);
          expect(toGtin14(f)).toBe(toGtin14(gtin));
        }
      }),
    );
  });
});
