/**
 * What a voucher takes off an order, and how that discount is shared: pure arithmetic on
 * `bigint` minor units, whole rupiah throughout.
 *
 * - A voucher covers the lines of one producer, of one category (and its subcategories),
 *   or every line. Shipping is never discounted.
 * - PERCENT takes its rate of the covered lines, rounded to whole rupiah, at most its cap;
 *   FIXED takes its amount, at most the covered lines.
 * - The discount is split over the covered lines in proportion to their amounts (largest
 *   remainder, so the shares add up exactly); a parcel's discount is the sum of its lines'.
 * - A refund of k units of a line gives back the change in floor(discount × refunded / quantity),
 *   so refunding a line unit by unit, in any steps, gives back exactly its discount.
 */
import { money, percentOf, roundingStep, split, sumMinor } from "../money";

export type VoucherTerms = {
  kind: "PERCENT" | "FIXED";
  percentBps: number | null;
  maxDiscount: bigint | null;
  amount: bigint | null;
  minSpend: bigint;
  currency: string;
  /** only this producer's lines */
  producerId: string | null;
  /** only lines in these categories (the voucher's category and its children) */
  categoryIds: string[] | null;
};

export type DiscountLine = { key: string; producerId: string; categoryId: string; lineTotal: bigint };

export type DiscountRefusal = "not-applicable" | "min-spend";

export type Discount = {
  /** what the covered lines add up to */
  covered: bigint;
  total: bigint;
  /** line key → its share (covered lines only) */
  perLine: Map<string, bigint>;
};

export function coveredLines<L extends DiscountLine>(terms: VoucherTerms, lines: L[]): L[] {
  return lines.filter(
    (l) =>
      (!terms.producerId || l.producerId === terms.producerId) &&
      (!terms.categoryIds || terms.categoryIds.includes(l.categoryId)),
  );
}

export function voucherDiscount(terms: VoucherTerms, lines: DiscountLine[]): Discount | { refusal: DiscountRefusal } {
  const covered = coveredLines(terms, lines).filter((l) => l.lineTotal > 0n);
  if (covered.length === 0) return { refusal: "not-applicable" };
  const coveredTotal = sumMinor(covered.map((l) => l.lineTotal));
  if (coveredTotal < terms.minSpend) return { refusal: "min-spend" };
  const step = roundingStep(terms.currency);
  let total =
    terms.kind === "PERCENT"
      ? percentOf(money(coveredTotal, terms.currency), terms.percentBps ?? 0).amount
      : (terms.amount ?? 0n);
  if (terms.kind === "PERCENT" && terms.maxDiscount !== null && total > terms.maxDiscount) total = terms.maxDiscount;
  // never more than the lines, and in whole steps (a line's share is then whole rupiah too)
  if (total > coveredTotal) total = coveredTotal;
  total -= total % step;
  const steps = split(
    money(total / step, terms.currency),
    covered.map((l) => l.lineTotal),
  );
  const perLine = new Map(covered.map((l, i) => [l.key, steps[i].amount * step]));
  return { covered: coveredTotal, total, perLine };
}

/** The part of a line's discount that goes back with `refunding` more units, `refundedBefore` having gone before. */
export function discountRefundShare(
  line: { discountAmount: bigint; quantity: number },
  refundedBefore: number,
  refunding: number,
  currency: string,
): bigint {
  const step = roundingStep(currency);
  const upTo = (units: number) => {
    if (units >= line.quantity) return line.discountAmount;
    const exact = line.discountAmount * BigInt(units);
    const q = BigInt(line.quantity) * step;
    return (exact / q) * step; // floor to whole steps: the last unit carries what rounding kept back
  };
  return upTo(refundedBefore + refunding) - upTo(refundedBefore);
}

/** What the buyer actually paid for some units of a line (its price less their share of the discount). */
export function paidForUnits(
  line: { unitAmount: bigint; discountAmount: bigint; quantity: number },
  refundedBefore: number,
  units: number,
  currency: string,
): bigint {
  return line.unitAmount * BigInt(units) - discountRefundShare(line, refundedBefore, units, currency);
}
