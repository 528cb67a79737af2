import { z } from "zod";

/** A product's declared production capacity; empty units remove it. */
export const capacitySchema = z
  .object({
    unitsPerPeriod: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce
        .number({ error: "capacity.errors.units" })
        .int({ error: "capacity.errors.units" })
        .min(1, { error: "capacity.errors.units" })
        .max(10_000_000, { error: "capacity.errors.units" })
        .optional(),
    ),
    period: z.enum(["WEEK", "MONTH"], { error: "capacity.errors.period" }),
    leadTimeDays: z.coerce
      .number({ error: "capacity.errors.lead" })
      .int({ error: "capacity.errors.lead" })
      .min(0, { error: "capacity.errors.lead" })
      .max(365, { error: "capacity.errors.lead" }),
  })
  .transform((d) =>
    d.unitsPerPeriod ? { unitsPerPeriod: d.unitsPerPeriod, period: d.period, leadTimeDays: d.leadTimeDays } : null,
  );
