/** The staff's voucher form, and the code as buyers type it. */
import { z } from "zod";
import { moneyField } from "../money/fields";
import { percentToBps } from "../money";

export const VOUCHER_KINDS = ["PERCENT", "FIXED"] as const;
export const VOUCHER_FUNDERS = ["PLATFORM", "PRODUCER"] as const;

/** What a buyer typed, as codes are stored: upper case, no spaces. */
export const voucherCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .max(24, { error: "errors.voucherCode" })
  .optional()
  .default("")
  .refine((c) => c === "" || /^[A-Z0-9-]{3,24}$/.test(c), { error: "errors.voucherCode" });

/** Validity dates are whole days in WIB (UTC+7): from the start of the first to the end of the last. */
const WIB_OFFSET = "+07:00";
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.date" });
export function wibDayStart(d: string) {
  return new Date(`${d}T00:00:00${WIB_OFFSET}`);
}
/** "2026-12-31" as an end date: the voucher works until 23:59:59 WIB that day. */
export function wibDayEnd(d: string) {
  return new Date(wibDayStart(d).getTime() + 86_400_000);
}
/** The WIB day a stored instant falls on (for the form). */
export function wibDay(at: Date, end = false) {
  const t = new Date(at.getTime() + 7 * 3_600_000 - (end ? 1 : 0));
  return t.toISOString().slice(0, 10);
}

const optionalInt = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) {
        ctx.addIssue({ code: "custom", message: "errors.quantity" });
        return z.NEVER;
      }
      return n;
    });

const optionalMoney = z.union([z.literal("").transform(() => null), moneyField("IDR", { min: 100n })]).optional();

export const voucherSchema = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{3,24}$/, { error: "errors.voucherCode" }),
    kind: z.enum(VOUCHER_KINDS, { error: "errors.invalidChoice" }),
    percent: z.string().trim().optional().default(""),
    maxDiscount: optionalMoney,
    amount: optionalMoney,
    minSpend: optionalMoney,
    startsOn: day,
    endsOn: day,
    totalLimit: optionalInt(1_000_000),
    perBuyerLimit: optionalInt(1000),
    fundedBy: z.enum(VOUCHER_FUNDERS, { error: "errors.invalidChoice" }),
    producerId: z.string().trim().max(40).optional().default(""),
    categoryId: z.string().trim().max(40).optional().default(""),
    active: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
  })
  .transform((v, ctx) => {
    const percentBps = v.kind === "PERCENT" ? percentToBps(v.percent) : null;
    if (v.kind === "PERCENT" && (percentBps === null || percentBps < 1 || percentBps > 10_000))
      ctx.addIssue({ code: "custom", path: ["percent"], message: "errors.voucherPercent" });
    if (v.kind === "FIXED" && !v.amount) ctx.addIssue({ code: "custom", path: ["amount"], message: "errors.required" });
    if (v.fundedBy === "PRODUCER" && !v.producerId)
      ctx.addIssue({ code: "custom", path: ["producerId"], message: "errors.voucherProducer" });
    const startsAt = wibDayStart(v.startsOn);
    const endsAt = wibDayEnd(v.endsOn);
    if (!(endsAt > startsAt)) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "errors.voucherWindow" });
    return {
      code: v.code,
      kind: v.kind,
      percentBps: v.kind === "PERCENT" ? percentBps : null,
      maxDiscount: v.kind === "PERCENT" ? (v.maxDiscount ?? null) : null,
      amount: v.kind === "FIXED" ? (v.amount ?? null) : null,
      minSpend: v.minSpend ?? 0n,
      startsAt,
      endsAt,
      totalLimit: v.totalLimit,
      perBuyerLimit: v.perBuyerLimit ?? 1,
      fundedBy: v.fundedBy,
      producerId: v.producerId || null,
      categoryId: v.categoryId || null,
      active: v.active,
    };
  });

export type VoucherInput = z.output<typeof voucherSchema>;
