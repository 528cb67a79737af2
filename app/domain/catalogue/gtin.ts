/**
 * GS1 trade item numbers (GTIN-8, -12, -13, -14) as printed under a barcode. The last digit
 * is a check digit: from the right, the other digits are weighted 3, 1, 3, 1 …, and the check
 * digit brings the sum up to a multiple of ten.
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** What a person typed, without spaces and dashes. */
export function normaliseGtin(typed: string) {
  return typed.replace(/[\s-]/g, "");
}

export function isValidGtin(gtin: string) {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.at(-1));
}

/** The 14-digit form GS1 Digital Link uses (shorter GTINs padded with zeros on the left). */
export function toGtin14(gtin: string) {
  return gtin.padStart(14, "0");
}

/**
 * The forms a GTIN in a Digital Link may be stored as: the 14 digits, and each shorter GTIN
 * length whose dropped digits are all zeros. Empty when it is not a valid GTIN.
 */
export function storedGtinForms(gtin: string): string[] {
  if (!isValidGtin(gtin)) return [];
  const g14 = toGtin14(gtin);
  return [14, 13, 12, 8].filter((n) => /^0*$/.test(g14.slice(0, 14 - n))).map((n) => g14.slice(14 - n));
}
