/**
 * Trade-sized money, end to end: a Rp25.000.000 retail order through the checkout form,
 * payment, ledger and payout; a Rp12.000.000.000 export lot through allocation, QC credits,
 * documents and the impact dashboard; a payout batch above Rp1.000.000.000 and its bank
 * file. Every one of these overflowed the 32-bit amount columns (max Rp21.474.836,47).
 */
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { exportDocument } from "~/domain/trade/documents.server";
import {
  answerOffer,
  changeLotStatus,
  createLot,
  proposeAllocation,
  recordQc,
  recordReceipt,
  sendOffers,
} from "~/domain/trade/lots.server";
import { impactFigures } from "~/domain/trade/impact.server";
import { exposure, setExposureLimit } from "~/domain/trade/receivables.server";
import { producerBalance } from "~/domain/ledger/ledger.server";
import { createPayoutBatch } from "~/domain/ledger/payouts.server";
import { formatMoney, parseMoneyInput } from "~/domain/money";
import { productSchema } from "~/domain/catalogue/schemas";
import { action as checkoutAction } from "~/routes/($lang).checkout";
import { action as paymentsAction } from "~/routes/($lang).trade.payments";
import { loader as impactCsvLoader } from "~/routes/trade.impact[.]csv";
import { loader as payoutCsvLoader } from "~/routes/trade.payouts.$id.csv";
import { loader as apiProduct } from "~/routes/api.v1.products.$slug";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, unwrap } from "../helpers/http";
import { cartWith, completeParcels, sellable, shippingRate } from "../helpers/orders";
import { rattanProducers } from "../helpers/trade";
import { pdfText } from "../helpers/files";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const INT32_MAX = 2_147_483_647n;

describe("trade-sized amounts", () => {
  it("forms take up to Rp100.000.000.000 a line and refuse more with a clear error", () => {
    expect(parseMoneyInput("100.000.000.000", "IDR")).toEqual({ ok: true, amount: 10_000_000_000_000n });
    expect(parseMoneyInput("100.000.000.001", "IDR")).toEqual({ ok: false, reason: "too-large" });
    const variant = { sku: "JWT-BIG-01", nameId: "Standar", nameEn: "Standard", stock: "1", price: "100000000001" };
    const parsed = productSchema.safeParse({
      nameId: "Tikar",
      nameEn: "Mat",
      descriptionId: "Tikar purun",
      descriptionEn: "Purun mat",
      categoryId: "c",
      unit: "pcs",
      weightGrams: "500",
      variants: [variant],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([
      "variants.0.price",
      "errors.moneyTooLarge",
    ]);
  });

  it("carry a Rp25.000.000 order through checkout, payment, the ledger, a payout and the partner API", async () => {
    const { product, producer, variant } = await sellable({
      priceIdr: 1_250_000,
      stock: 40,
      name: "Tikar lampit rotan",
    });
    await shippingRate();
    const cartId = await cartWith([{ variantId: variant.id, quantity: 20 }]);
    const fields = {
      email: "hotel@example.test",
      name: "Hotel Swiss-Belhotel",
      phone: "+62 511 3327 777",
      country: "ID",
      province: "63",
      regencyCode: "63.71",
      city: "Banjarmasin",
      address: "Jl. A. Yani 80",
      postcode: "70111",
      paymentMethod: "BANK_TRANSFER",
    };
    const review = unwrap(
      await checkoutAction(
        args(formRequest("/checkout", { ...fields, intent: "review" }, { cookie: `__cart=${cartId}` })),
      ),
    );
    const reviewed = (review.body as { review: { total: bigint; checkoutKey: string; digest: string } }).review;
    // 20 mats of 100 g ship as one 2 kg parcel at Rp25.000/kg
    expect(reviewed.total).toBe(2_500_000_000n + 5_000_000n); // Rp25.050.000
    const placed = unwrap(
      await checkoutAction(
        args(
          formRequest(
            "/checkout",
            { ...fields, intent: "place", checkoutKey: reviewed.checkoutKey, reviewDigest: reviewed.digest },
            { cookie: `__cart=${cartId}` },
          ),
        ),
      ).catch((r) => r),
    );
    expect(placed.status).toBe(302);
    const order = await db.order.findFirstOrThrow({ where: { email: "hotel@example.test" } });
    expect(order.totalAmount).toBe(2_505_000_000n);
    expect(order.totalAmount > INT32_MAX).toBe(true);
    expect(formatMoney(order.totalAmount, "IDR", "id")).toBe("Rp25.050.000");

    const staff = await createUser({ roles: ["STAFF"] });
    const cookie = await signedInCookie(staff.id);
    const transfer = order.transferAmount!;
    const typed = formatMoney(transfer, "IDR", "id").replace("Rp", ""); // as staff read it off the bank statement: "25.050.123"
    const confirmed = unwrap(
      await paymentsAction(args(formRequest("/trade/payments", { orderId: order.id, received: typed }, { cookie }))),
    );
    expect(confirmed.status).toBe(200);
    // 10% commission: the producer is owed Rp22.500.000
    expect(await producerBalance(producer.id)).toBe(2_250_000_000n);
    await completeParcels(order.id); // payable once the parcel completes (escrow)
    const batch = await createPayoutBatch(staff.id);
    expect(batch.totalAmount).toBe(2_250_000_000n);
    const csv = await (
      await payoutCsvLoader(args(getRequest(`/trade/payouts/${batch.id}/csv`, { cookie }), { id: batch.id }))
    ).text();
    expect(csv).toContain(`,${producer.nib},BRI,0123456789,${producer.legalName},22500000,IDR,`);
    expect(await producerBalance(producer.id)).toBe(0n);

    // the partner API carries amounts as exact decimal strings
    await db.product.update({ where: { id: product.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    await db.variant.update({ where: { id: variant.id }, data: { priceAmount: 9_999_999_999_999n } });
    const api = await (
      await apiProduct(args(getRequest(`/api/v1/products/${product.slug}`), { slug: product.slug }))
    ).json();
    expect(api.variants[0].price).toEqual({ amount: "9999999999999", currency: "IDR" });
  });

  it("carry a Rp12.000.000.000 export lot through allocation, QC credits, documents, a Rp10,5 billion payout and the impact dashboard", async () => {
    const producers = await rattanProducers();
    for (const p of producers) await db.variant.update({ where: { id: p.variant.id }, data: { stock: 10_000 } });
    const staff = await createUser({ roles: ["STAFF"] });
    const cookie = await signedInCookie(staff.id);
    // a house that runs Rp12 billion lots sets its producer-advance limit to match (the default is Rp500 juta)
    await setExposureLimit(staff.id, (await exposure()).committed + 15_000_000_000_00n);
    // 30.000 mats at Rp400.000 to the buyer; producers are paid Rp350.000 each
    const lot = await createLot(staff.id, {
      productId: null,
      categoryId: producers[0].product.categoryId,
      grade: "A",
      packaging: "bundle of 10",
      targetQuantity: 30_000,
      unit: "pcs",
      destinationCountry: "MY",
      destinationPort: "Port Klang",
      incoterm: "FOB",
      unitPriceAmount: 40_000_000n,
      currency: "IDR",
      producerPriceAmount: 35_000_000n,
      unitsPerPackage: 10,
      companyId: null,
    });
    const plan = await proposeAllocation(lot.id, staff.id);
    expect(plan.total).toBe(30_000);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000));
    for (const a of await db.lotAllocation.findMany({
      where: { lotId: lot.id, status: "OFFERED" },
      include: { producer: { include: { members: true } } },
    })) {
      await answerOffer(a.producerId, a.producer.members[0]?.userId ?? staff.id, a.id, "accept");
    }
    await changeLotStatus(staff.id, lot.id, "CONSOLIDATING");
    for (const a of await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "ACCEPTED" } }))
      await recordReceipt(staff.id, a.id, a.quantity);
    await changeLotStatus(staff.id, lot.id, "QC");
    for (const a of await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "RECEIVED" } }))
      await recordQc(staff.id, a.id, a.quantity, "baik", []);
    await changeLotStatus(staff.id, lot.id, "READY");
    await changeLotStatus(staff.id, lot.id, "SHIPPED");

    const credits = await db.ledgerEntry.findMany({ where: { kind: "LOT_CREDIT", sourceKey: { startsWith: "lot:" } } });
    const credited = credits.reduce((s, e) => s + e.amount, 0n);
    expect(credited).toBe(30_000n * 35_000_000n); // Rp10.500.000.000
    expect(credits.some((e) => e.amount > INT32_MAX)).toBe(true);

    // the commercial invoice states Rp12.000.000.000 exactly
    const invoice = await pdfText((await exportDocument(lot.id, "invoice"))!.pdf);
    expect(invoice).toMatch(
      /Total: 30000 pcs — IDR\s12,000,000,000\.00 \(IDR\)|Total: 30,000 pcs — IDR\s12,000,000,000\.00 \(IDR\)/,
    );

    // the impact dashboard and its CSV
    const impact = await impactFigures();
    expect(impact.table.reduce((s, r) => s + r.exportCredit, 0n)).toBe(1_050_000_000_000n);
    const csv = await (await impactCsvLoader(args(getRequest("/trade/impact.csv", { cookie })))).text();
    const rows = csv
      .trim()
      .split("\n")
      .slice(1)
      .map((r) => r.split(","));
    expect(rows.reduce((s, r) => s + BigInt(r[r.length - 1]), 0n)).toBe(10_500_000_000n);

    // one payout batch above a billion rupiah, paid exactly, in whole rupiah for the bank
    const paid = await db.lotAllocation.findMany({
      where: { lotId: lot.id, status: "QC_PASSED" },
      include: { producer: true },
    });
    for (const p of paid)
      await db.producer.update({
        where: { id: p.producerId },
        data: { bankName: "Bank Kalteng", bankAccountNo: "0012345678", bankAccountName: p.producer.legalName },
      });
    const batch = await createPayoutBatch(staff.id);
    expect(batch.totalAmount).toBe(1_050_000_000_000n);
    const bankFile = await (
      await payoutCsvLoader(args(getRequest(`/trade/payouts/${batch.id}/csv`, { cookie }), { id: batch.id }))
    ).text();
    const amounts = bankFile
      .trim()
      .split("\n")
      .slice(1)
      .map((r) => BigInt(r.split(",")[6]));
    expect(amounts.reduce((s, a) => s + a, 0n)).toBe(10_500_000_000n);
    for (const p of paid) expect(await producerBalance(p.producerId)).toBe(0n);
  });
});
