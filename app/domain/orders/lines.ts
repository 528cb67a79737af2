/** How an order's lines and parcels read, in the reader's language (lines keep both, see OrderLine). */
type LineNames = { productName: string; productNameEn: string; variantName: string; variantNameEn: string };

export function lineNames(line: LineNames, locale: string): { product: string; variant: string } {
  return locale === "en"
    ? { product: line.productNameEn, variant: line.variantNameEn }
    : { product: line.productName, variant: line.variantName };
}

/** "Keranjang purun (Besar, JWT-001)": a line as the producer's list and mail name it. */
export function lineLabel(line: LineNames & { sku: string }, locale: string): string {
  const { product, variant } = lineNames(line, locale);
  return `${product} (${variant}, ${line.sku})`;
}

type LineRow = LineNames & {
  id: string;
  sku: string;
  producerName: string;
  producerId: string;
  quantity: number;
  refundedQty: number;
  lineAmount: bigint;
  unitAmount: bigint;
  fulfilmentId: string | null;
};

type ParcelRow = {
  id: string;
  producerId: string;
  producer: { legalName: string };
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  autoCompleteAt: Date | null;
  completedAt: Date | null;
  complaint?: ComplaintRow | null;
};

type ComplaintRow = {
  id: string;
  status: string;
  reason: string;
  requested: string;
  details: string;
  photos: unknown;
  producerAnswer: string | null;
  decisionNote: string | null;
  refundAmount: bigint | null;
};

/** A complaint as the order pages show it (photos as the image pipeline stored them). */
export function complaintView(c: ComplaintRow) {
  return {
    id: c.id,
    status: c.status,
    reason: c.reason,
    requested: c.requested,
    details: c.details,
    photos: (Array.isArray(c.photos) ? c.photos : []) as Array<{
      key: string;
      width: number;
      height: number;
      widths: number[];
    }>,
    producerAnswer: c.producerAnswer,
    decisionNote: c.decisionNote,
    refundAmount: c.refundAmount,
  };
}

/** A courier's tracking page for a waybill, when the courier named on the parcel is one we know. */
export function trackingLink(
  couriers: Array<{ code: string; name: string; trackingUrl: string | null }>,
  carrier: string | null,
  waybill: string | null,
) {
  if (!carrier || !waybill) return null;
  const c = carrier.trim().toLowerCase();
  const known = couriers.find((k) => k.code === c || k.name.toLowerCase() === c);
  return known?.trackingUrl ? known.trackingUrl.replace("{waybill}", encodeURIComponent(waybill)) : null;
}

/** An order's lines and parcels as the buyer's and the staff's order pages show them. */
/** How a producer's parcel was priced at checkout: the courier service, charged weight and estimate. */
type ShipmentRow = {
  producerId: string;
  amount: bigint;
  freeShipping: boolean;
  chargedKg: number;
  etaMinDays: number;
  etaMaxDays: number;
  service: { nameId: string; nameEn: string; courier: { name: string } };
};

export function orderPartsView(
  order: { lines: LineRow[]; fulfilments: ParcelRow[]; parcels: ShipmentRow[] },
  locale: string,
  couriers: Array<{ code: string; name: string; trackingUrl: string | null }> = [],
) {
  return {
    lines: order.lines.map((l) => {
      const { product, variant } = lineNames(l, locale);
      return {
        id: l.id,
        name: product,
        variant,
        sku: l.sku,
        producer: l.producerName,
        producerId: l.producerId,
        quantity: l.quantity,
        refundedQty: l.refundedQty,
        lineAmount: l.lineAmount,
        unitAmount: l.unitAmount,
        fulfilmentId: l.fulfilmentId,
      };
    }),
    shipments: order.parcels.map((p) => ({
      producerId: p.producerId,
      service: `${p.service.courier.name} — ${locale === "en" ? p.service.nameEn : p.service.nameId}`,
      amount: p.amount,
      free: p.freeShipping,
      chargedKg: p.chargedKg,
      etaMinDays: p.etaMinDays,
      etaMaxDays: p.etaMaxDays,
    })),
    parcels: order.fulfilments.map((f) => ({
      id: f.id,
      producerId: f.producerId,
      producer: f.producer.legalName,
      status: f.status,
      carrier: f.carrier,
      tracking: f.trackingNumber,
      trackingUrl: trackingLink(couriers, f.carrier, f.trackingNumber),
      shippedAt: f.shippedAt,
      autoCompleteAt: f.autoCompleteAt,
      completedAt: f.completedAt,
      complaint: f.complaint ? complaintView(f.complaint) : null,
    })),
  };
}
