/**
 * Carton plans, the pure rules. Each producer's share of a lot is packed in that variant's
 * export carton (units per carton, outside size, full weight). The last carton may be
 * part-full: a carton's own weight (tare) is the full weight less its units, so the gross
 * weight is the goods plus one tare per carton. Volume is the cartons' outside size.
 * Without a carton on record the lot's units-per-package is used, and the volume and tare
 * are unknown (the plan says so rather than guessing).
 */
export type CartonSpec = { units: number; lengthCm: number; widthCm: number; heightCm: number; grossGrams: number };

/** A variant's export carton, when all of it is on record. */
export function cartonSpecOf(v: {
  cartonUnits: number | null;
  cartonLengthCm: number | null;
  cartonWidthCm: number | null;
  cartonHeightCm: number | null;
  cartonGrossGrams: number | null;
}): CartonSpec | null {
  if (!v.cartonUnits || !v.cartonLengthCm || !v.cartonWidthCm || !v.cartonHeightCm || !v.cartonGrossGrams) return null;
  return {
    units: v.cartonUnits,
    lengthCm: v.cartonLengthCm,
    widthCm: v.cartonWidthCm,
    heightCm: v.cartonHeightCm,
    grossGrams: v.cartonGrossGrams,
  };
}

export type PlanInput = {
  key: string;
  quantity: number;
  unitGrams: number;
  spec: CartonSpec | null;
};

export type PlanLine = PlanInput & {
  cartons: number;
  unitsPerCarton: number;
  netGrams: number;
  grossGrams: number;
  /** cubic centimetres (null when the carton's size is unknown) */
  volumeCm3: number | null;
  /** carton numbers on the shipping marks, first to last (1-based, across the lot) */
  first: number;
  last: number;
};

export function cartonPlan(lines: PlanInput[], fallbackUnitsPerCarton: number): PlanLine[] {
  let next = 1;
  return lines
    .filter((l) => l.quantity > 0)
    .map((l) => {
      const unitsPerCarton = l.spec?.units ?? fallbackUnitsPerCarton;
      const cartons = Math.ceil(l.quantity / unitsPerCarton);
      const netGrams = l.quantity * l.unitGrams;
      const tare = l.spec ? Math.max(0, l.spec.grossGrams - l.spec.units * l.unitGrams) : 0;
      const first = next;
      next += cartons;
      return {
        ...l,
        cartons,
        unitsPerCarton,
        netGrams,
        grossGrams: netGrams + cartons * tare,
        volumeCm3: l.spec ? cartons * l.spec.lengthCm * l.spec.widthCm * l.spec.heightCm : null,
        first,
        last: next - 1,
      };
    });
}

/** Standard dry containers: inside volume and the most cargo they may carry. */
export const CONTAINERS = [
  { code: "20GP", volumeM3: 33.2, payloadKg: 28_200 },
  { code: "40GP", volumeM3: 67.7, payloadKg: 26_700 },
  { code: "40HC", volumeM3: 76.4, payloadKg: 26_500 },
] as const;

/** Cartons never fill a container's inside volume: about 85 % is a realistic stow. */
export const STOWAGE = 0.85;
/** Below this volume a shared (LCL) container is cheaper than a container of one's own. */
export const LCL_BELOW_M3 = 15;

export type ContainerAdvice = {
  advice: "LCL" | "20GP" | "40GP" | "40HC" | "SEVERAL";
  volumeM3: number;
  grossKg: number;
  /** how full each container kind would be, by volume and by weight (percent, rounded) */
  fills: Array<{ code: string; volumePct: number; weightPct: number }>;
};

export function containerAdvice(volumeM3: number, grossKg: number): ContainerAdvice {
  const fills = CONTAINERS.map((c) => ({
    code: c.code,
    volumePct: Math.round((volumeM3 / c.volumeM3) * 100),
    weightPct: Math.round((grossKg / c.payloadKg) * 100),
  }));
  const fits = CONTAINERS.find((c) => volumeM3 <= c.volumeM3 * STOWAGE && grossKg <= c.payloadKg);
  const advice = volumeM3 < LCL_BELOW_M3 && grossKg <= CONTAINERS[0].payloadKg ? "LCL" : (fits?.code ?? "SEVERAL");
  return { advice, volumeM3, grossKg, fills };
}
