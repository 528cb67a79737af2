/**
 * Parcels: a cart ships as one parcel per producer, from the producer's kabupaten/kota.
 * Each parcel is weighed the way each courier service weighs it (`weight.ts`) and priced
 * from the rate cards: the rate per kg from the parcel's origin to the most specific
 * destination a card names (the buyer's kabupaten/kota, else the province, or the country
 * abroad), times the charged kilograms. A producer's own delivery serves only its own
 * kabupaten/kota. A parcel whose goods reach the producer's free-shipping threshold costs
 * the buyer nothing.
 *
 * The buyer picks one service per parcel (the cheapest is offered first and chosen until
 * they pick another); placing the order prices every parcel again from the cards, and the
 * review digest makes the reviewed total bind.
 */
import { db, type Tx } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import { add, compareMinor, money, sumMinor, times } from "../money";
import { regencyLabel } from "../regions";
import { weighParcel, type ParcelItem, type Weighed } from "./weight";

export type Destination = { country: string; province: string; regencyCode: string | null };

/** The rate-card destinations that serve an address, most specific first. */
export function destinationKeys(d: Destination): string[] {
  if (d.country !== "ID") return [`C:${d.country}`];
  return [...(d.regencyCode ? [`R:${d.regencyCode}`] : []), `P:${d.province}`];
}

export type ShippingOption = {
  serviceId: string;
  code: string;
  courier: string;
  name: string;
  ownDelivery: boolean;
  weighed: Weighed;
  /** the courier's price for this parcel */
  rateAmount: bigint;
  /** what the buyer pays for it: 0 when the parcel ships free */
  amount: bigint;
  free: boolean;
  etaMinDays: number;
  etaMaxDays: number;
  trackingUrl: string | null;
};

type CardRow = Awaited<ReturnType<typeof loadCards>>[number];

function loadCards(tx: Tx, origins: string[], keys: string[]) {
  return tx.shippingRateCard.findMany({
    where: {
      originRegencyCode: { in: origins },
      destination: { in: keys },
      service: { active: true, courier: { active: true } },
    },
    include: { service: { include: { courier: { select: { name: true, trackingUrl: true } } } } },
  });
}

function optionsFor(
  cards: CardRow[],
  origin: string,
  dest: Destination,
  keys: string[],
  items: ParcelItem[],
  goods: bigint,
  freeMin: bigint | null,
  locale: AppLocale,
): ShippingOption[] {
  const best = new Map<string, CardRow>();
  for (const c of cards) {
    if (c.originRegencyCode !== origin) continue;
    if (c.service.ownDelivery && (dest.country !== "ID" || dest.regencyCode !== origin)) continue;
    const had = best.get(c.serviceId);
    if (!had || keys.indexOf(c.destination) < keys.indexOf(had.destination)) best.set(c.serviceId, c);
  }
  const free = freeMin !== null && goods >= freeMin;
  return (
    [...best.values()]
      .map((c) => {
        const weighed = weighParcel(items, c.service);
        const rateAmount = times(money(c.perKgAmount, c.currency), weighed.chargedKg).amount;
        return {
          serviceId: c.serviceId,
          code: c.service.code,
          courier: c.service.courier.name,
          name: locale === "en" ? c.service.nameEn : c.service.nameId,
          ownDelivery: c.service.ownDelivery,
          weighed,
          rateAmount,
          amount: free ? 0n : rateAmount,
          free,
          etaMinDays: c.etaMinDays,
          etaMaxDays: c.etaMaxDays,
          trackingUrl: c.service.courier.trackingUrl,
        };
      })
      // cheapest for the buyer first; when the parcel ships free, cheapest for the producer who pays the courier
      .sort((a, b) =>
        a.amount !== b.amount
          ? compareMinor(a.amount, b.amount)
          : a.rateAmount !== b.rateAmount
            ? compareMinor(a.rateAmount, b.rateAmount)
            : a.etaMaxDays - b.etaMaxDays,
      )
  );
}

export type ParcelLine = ParcelItem & {
  variantId: string;
  producerId: string;
  producer: string;
  origin: string;
  freeShippingMin: bigint | null;
  lineTotal: bigint;
  currency: string;
};

export type QuotedParcel = {
  producerId: string;
  producer: string;
  origin: string;
  region: string;
  variantIds: string[];
  goods: bigint;
  freeShippingMin: bigint | null;
  options: ShippingOption[];
  /** the service the buyer chose (or the cheapest, until they choose); null when none serves the address */
  chosen: ShippingOption | null;
};

/**
 * Splits the cart's lines into parcels and prices each for the destination. `choices` maps a
 * producer id to the service code the buyer picked; a missing or unknown pick takes the
 * cheapest. One query reads every card the parcels need.
 */
export async function quoteParcels(
  lines: ParcelLine[],
  dest: Destination,
  choices: Record<string, string>,
  locale: AppLocale,
  tx: Tx = db,
): Promise<{ parcels: QuotedParcel[]; shipping: bigint; unserved: QuotedParcel[] }> {
  const byProducer = new Map<string, ParcelLine[]>();
  for (const l of lines) byProducer.set(l.producerId, [...(byProducer.get(l.producerId) ?? []), l]);
  const keys = destinationKeys(dest);
  const origins = [...new Set(lines.map((l) => l.origin))];
  const cards = origins.length ? await loadCards(tx, origins, keys) : [];
  const parcels = [...byProducer.values()].map((ls): QuotedParcel => {
    const first = ls[0];
    const goods = ls.reduce((s, l) => add(s, money(l.lineTotal, l.currency)), money(0n, first.currency)).amount;
    const options = optionsFor(cards, first.origin, dest, keys, ls, goods, first.freeShippingMin, locale);
    const picked = choices[first.producerId];
    return {
      producerId: first.producerId,
      producer: first.producer,
      origin: first.origin,
      region: regencyLabel(first.origin),
      variantIds: ls.map((l) => l.variantId),
      goods,
      freeShippingMin: first.freeShippingMin,
      options,
      chosen: options.find((o) => o.code === picked) ?? options[0] ?? null,
    };
  });
  return {
    parcels,
    shipping: sumMinor(parcels.map((p) => p.chosen?.amount ?? 0n)),
    unserved: parcels.filter((p) => !p.chosen),
  };
}

/** What the order keeps of each parcel: the weighing, the service and the price the buyer reviewed. */
export function parcelRows(parcels: QuotedParcel[]) {
  return parcels.map((p) => {
    const c = p.chosen!;
    return {
      producerId: p.producerId,
      serviceId: c.serviceId,
      actualGrams: c.weighed.actualGrams,
      volumetricGrams: c.weighed.volumetricGrams,
      chargedKg: c.weighed.chargedKg,
      amount: c.amount,
      rateAmount: c.rateAmount,
      freeShipping: c.free,
      etaMinDays: c.etaMinDays,
      etaMaxDays: c.etaMaxDays,
    };
  });
}
