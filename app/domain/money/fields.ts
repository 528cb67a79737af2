/**
 * Money fields of forms (Zod). What a person types becomes `bigint` minor units through
 * `parseMoneyInput`; a bad amount or one above Rp100.000.000.000 gets its own locale key.
 */
import { z } from "zod";
import { parseMoneyInput } from "./money";

const refusalKey = { invalid: "errors.money", "too-large": "errors.moneyTooLarge", negative: "errors.money" } as const;

/** An amount in a fixed currency (rupiah for prices, payouts and rates) → minor units. */
export function moneyField(currency: string, opts: { min?: bigint; minKey?: string } = {}) {
  return z.string({ error: "errors.money" }).transform((typed, ctx) => {
    const r = parseMoneyInput(typed, currency);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: refusalKey[r.reason] });
      return z.NEVER;
    }
    if (opts.min !== undefined && r.amount < opts.min) {
      ctx.addIssue({ code: "custom", message: opts.minKey ?? "errors.money" });
      return z.NEVER;
    }
    return r.amount;
  });
}

/**
 * An amount whose currency is chosen in the same form: checked here against the rules of
 * every currency, converted with `amountIn` once the form's currency is known.
 */
export const amountText = z
  .string({ error: "errors.money" })
  .trim()
  .superRefine((typed, ctx) => {
    const asIdr = parseMoneyInput(typed, "IDR");
    const asOther = parseMoneyInput(typed, "USD");
    if (asIdr.ok || asOther.ok) return;
    const tooLarge = (!asIdr.ok && asIdr.reason === "too-large") || (!asOther.ok && asOther.reason === "too-large");
    ctx.addIssue({ code: "custom", message: tooLarge ? "errors.moneyTooLarge" : "errors.money" });
  });

/** The amount typed, in `currency`, as minor units (a refusal becomes an issue at `path`). */
export function amountIn(typed: string, currency: string, ctx: z.RefinementCtx, path: string[]): bigint {
  const r = parseMoneyInput(typed, currency);
  if (r.ok) return r.amount;
  ctx.addIssue({ code: "custom", path, message: refusalKey[r.reason] });
  return z.NEVER;
}
