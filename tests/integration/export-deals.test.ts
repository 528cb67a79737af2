/**
 * Export deals: the landed-cost quote, the proforma invoice and the buyer's payments under its
 * terms, the shipping gate, the credit limit and the exposure limit under concurrency, and the
 * lot's P&L — against the real PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import {
  answerOffer,
  changeLotStatus,
  proposeAllocation,
  recordQc,
  recordReceipt,
  sendOffers,
} from "~/domain/trade/lots.server";
import { answerQuote, createRfq, priceQuote, sendQuote } from "~/domain/trade/rfq.server";
import {
  exposure,
  lotPnl,
  receivables,
  recordBuyerPayment,
  setCompanyTerms,
  setExposureLimit,
} from "~/domain/trade/receivables.server";
import { exportDocument } from "~/domain/trade/documents.server";
import { loader as buyerRfqLoader } from "~/routes/($lang).account_.rfq";
import { loader as invoicePdf } from "~/routes/documents.invoices.$number";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { getRequest, thrown } from "../helpers/http";
import { pdfText } from "../helpers/files";
import { rattanProducers, sendQuoteAt } from "../helpers/trade";

const DAY = 86_400_000;
const rp = (major: number) => BigInt(major) * 100n;
const settle = <T>(ps: Array<Promise<T>>) => Promise.allSettled(ps);
const refusals = (rs: PromiseSettledResult<unknown>[]) =>
  rs
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .map((r) => (r.reason as { key?: string }).key ?? String(r.reason));

async function buyerWithCompany(name = "Lion City Homeware Pte Ltd") {
  const buyer = await createUser();
  const category = await db.category.upsert({
    where: { slug: "anyaman-rotan" },
    update: {},
    create: { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" },
  });
  const rfq = (quantity: number) =>
    createRfq(
      buyer.id,
      { name, country: "SG", taxId: null, contactName: "Mei", contactEmail: "mei@example.test", contactPhone: null },
      {
        productId: null,
        categoryId: category.id,
        quantity,
        unit: "pcs",
        targetPriceAmount: null,
        targetCurrency: "SGD",
        destinationCountry: "SG",
        destinationPort: "Singapore",
        incoterm: "CIF",
        wantedBy: null,
        notes: null,
      },
    );
  const first = await rfq(100);
  const company = await db.buyerCompany.findUniqueOrThrow({ where: { id: first.companyId } });
  return { buyer, company, category, rfq, first };
}

const inAWeek = () => new Date(Date.now() + 7 * DAY);

describe("the landed-cost quote", () => {
  it("prices the request from its costs by Incoterm at the dated rate, and the buyer sees only the price", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { buyer, rfq } = await buyerWithCompany();
    await db.exchangeRate.create({ data: { currency: "SGD", idrPerUnit: "12150", rateDate: new Date("2026-12-01") } });
    const honey = await rfq(1000);
    const form = {
      currency: "SGD",
      producerPrice: rp(85_000),
      consolidationPerUnit: rp(2_000),
      packagingPerUnit: rp(3_000),
      inlandFreight: rp(4_000_000),
      portCharges: rp(3_000_000),
      mainFreight: rp(12_000_000),
      destinationDelivery: 0n,
      insuranceBps: 30,
      marginBps: 1500,
      pickupRegency: "62.09",
      port: "sampit",
    };
    // the hand-checked example of landed-cost.test.ts, through the request's quantity and the stored rate
    const fob = await priceQuote(honey.id, { ...form, incoterm: "FOB" });
    const cif = await priceQuote(honey.id, { ...form, incoterm: "CIF" });
    expect([fob.cost.unitPrice, cif.cost.unitPrice]).toEqual([919n, 1036n]);
    expect(cif.cost.rate).toMatchObject({ currency: "SGD", rateDate: "2026-12-01" });

    const quote = await sendQuote(
      staff.id,
      honey.id,
      { validUntil: inAWeek(), leadTimeDays: 45, conditions: null },
      cif,
    );
    expect(quote).toMatchObject({
      unitPriceAmount: 1036n,
      currency: "SGD",
      incoterm: "CIF",
      unitPriceIdr: 12_576_366n,
      producerPriceAmount: rp(85_000),
    });
    expect((quote.costBuildUp as { lines: Array<{ key: string }> }).lines.map((l) => l.key)).toContain("insurance");

    // the buyer's page: the price, never the build-up or the producers' price
    const page = await buyerRfqLoader({
      request: getRequest("/account/rfq", { cookie: await signedInCookie(buyer.id) }),
      params: {},
      context: {},
    });
    const seen = JSON.stringify(page, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(seen).toContain('"unitPrice":"1036"');
    expect(seen).not.toContain("costBuildUp");
    expect(seen).not.toContain(String(rp(85_000)));
  });

  it("cannot price in a currency without a rate, nor be accepted once expired", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { buyer, first } = await buyerWithCompany();
    await expect(
      priceQuote(first.id, {
        currency: "THB",
        incoterm: "FOB",
        producerPrice: rp(1000),
        consolidationPerUnit: 0n,
        packagingPerUnit: 0n,
        inlandFreight: 0n,
        portCharges: 0n,
        mainFreight: 0n,
        destinationDelivery: 0n,
        insuranceBps: 0,
        marginBps: 0,
        pickupRegency: "63.71",
        port: "trisakti",
      }),
    ).rejects.toMatchObject({ key: "tradeRfq.errors.noRate" });
    const quote = await sendQuoteAt(staff.id, first.id, {
      unitPriceAmount: 1000n,
      currency: "USD",
      incoterm: "FOB",
      validUntil: new Date(Date.now() - 2 * DAY),
      leadTimeDays: 10,
      conditions: null,
      producerPriceAmount: rp(1000),
    });
    await expect(answerQuote(buyer.id, quote.id, "accept")).rejects.toMatchObject({ key: "rfq.refused.expired" });
    expect(await db.buyerInvoice.count({ where: { company: { members: { some: { userId: buyer.id } } } } })).toBe(0);
  });
});

describe("the proforma invoice and the buyer's payments", () => {
  it("is issued on acceptance; partial payments add up; too much or the same reference twice is refused; 10 at once never overpay", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { buyer, first, rfq } = await buyerWithCompany();
    const quote = await sendQuoteAt(staff.id, first.id, {
      unitPriceAmount: 1450n, // US$14.50 × 100 = US$1,450.00
      currency: "USD",
      incoterm: "FOB",
      validUntil: inAWeek(),
      leadTimeDays: 30,
      conditions: null,
      producerPriceAmount: rp(90_000),
      idrPerUnit: "16250.5",
    });
    const lot = (await answerQuote(buyer.id, quote.id, "accept"))!;
    const invoice = await db.buyerInvoice.findUniqueOrThrow({ where: { lotId: lot.id } });
    expect(invoice.number).toMatch(/^PI-\d{4}-\d{6}$/);
    // US$1,450.00 × 16,250.5 = Rp23.563.225
    expect(invoice).toMatchObject({
      amount: 145_000n,
      currency: "USD",
      amountIdr: rp(23_563_225),
      terms: "CASH_IN_ADVANCE",
    });
    expect(invoice.dueBeforeShipment).toBe(145_000n);

    // the buyer downloads it; a stranger's request is "not found"
    const pdf = (await exportDocument(lot.id, "proforma"))!;
    const text = await pdfText(pdf.pdf);
    expect(text).toContain("PROFORMA INVOICE");
    expect(text).toContain(invoice.number);
    expect(text).toContain("Total: $1,450.00 (USD)");
    expect(text).toContain("IDR 23,563,225.00 at 16250.5 IDR per USD (rate of 2026-12-01)");
    expect(text).toContain("Cash in advance: the full amount within 7 days");
    const mine = await invoicePdf({
      request: getRequest(`/documents/invoices/${invoice.number}`, { cookie: await signedInCookie(buyer.id) }),
      params: { number: invoice.number },
      context: {},
    });
    expect(mine.headers.get("Content-Type")).toBe("application/pdf");
    const stranger = await createUser();
    const theirs = await thrown(
      invoicePdf({
        request: getRequest(`/documents/invoices/${invoice.number}`, { cookie: await signedInCookie(stranger.id) }),
        params: { number: invoice.number },
        context: {},
      }),
    );
    expect(theirs.status).toBe(404);

    const pay = (paidAmount: bigint, bankReference: string, paidCurrency = "USD") =>
      recordBuyerPayment(staff.id, invoice.id, { paidAmount, paidCurrency, paidOn: new Date(), bankReference });
    await pay(50_000n, "TT-1");
    // rupiah at the invoice's rate: Rp3.250.100 = US$200.00
    const inRupiah = await pay(rp(3_250_100), "TT-2", "IDR");
    expect(inRupiah).toMatchObject({ amount: 20_000n, amountIdr: rp(3_250_100) });
    await expect(pay(10_000n, "tt-1")).rejects.toMatchObject({ key: "receivables.refused.duplicate" });
    await expect(pay(75_001n, "TT-3")).rejects.toMatchObject({ key: "receivables.refused.overpaid" });
    await expect(pay(10_000n, "TT-X", "SGD")).rejects.toMatchObject({ key: "receivables.refused.currency" });

    // 75,000 left: ten payments of 10,000 at once, seven fit
    const settled = await settle(Array.from({ length: 10 }, (_, i) => pay(10_000n, `RACE-${i}`)));
    expect(refusals(settled).sort()).toEqual(Array(3).fill("receivables.refused.overpaid"));
    const paid = await db.buyerPayment.aggregate({ where: { invoiceId: invoice.id }, _sum: { amount: true } });
    expect(paid._sum.amount).toBe(140_000n);
    expect(await db.auditLog.count({ where: { entityId: invoice.id, action: "invoice.payment" } })).toBe(9);

    // a second RFQ of the same company still gets its own number
    const other = await sendQuoteAt(staff.id, (await rfq(10)).id, {
      unitPriceAmount: 1000n,
      currency: "USD",
      incoterm: "FOB",
      validUntil: inAWeek(),
      leadTimeDays: 30,
      conditions: null,
      producerPriceAmount: rp(1000),
    });
    const lot2 = (await answerQuote(buyer.id, other.id, "accept"))!;
    const invoice2 = await db.buyerInvoice.findUniqueOrThrow({ where: { lotId: lot2.id } });
    expect(invoice2.number).not.toBe(invoice.number);
  });
});

describe("payment terms", () => {
  it("on tempo, concurrent acceptances never pass the credit limit staff approved", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { buyer, company, rfq } = await buyerWithCompany("Kedai Borneo Sdn Bhd");
    // each quote: 10 × Rp1.000.000 = Rp10.000.000 on tempo 30 without deposit; the limit fits three
    await setCompanyTerms(staff.id, company.id, { terms: "TEMPO_30", depositBps: 0, creditLimitIdr: rp(35_000_000) });
    expect(await db.auditLog.count({ where: { entityId: company.id, action: "company.terms" } })).toBe(1);
    const quotes = [];
    for (let i = 0; i < 10; i++)
      quotes.push(
        await sendQuoteAt(staff.id, (await rfq(10)).id, {
          unitPriceAmount: rp(1_000_000),
          currency: "IDR",
          incoterm: "FOB",
          validUntil: inAWeek(),
          leadTimeDays: 30,
          conditions: null,
          producerPriceAmount: rp(500_000),
          idrPerUnit: "1",
        }),
      );
    const settled = await settle(quotes.map((q) => answerQuote(buyer.id, q.id, "accept")));
    expect(refusals(settled).sort()).toEqual(Array(7).fill("rfq.refused.creditLimit"));
    expect(await db.buyerInvoice.count({ where: { companyId: company.id } })).toBe(3);
    // a refused acceptance left nothing behind: its quote is still open, no lot
    expect(await db.quote.count({ where: { id: { in: quotes.map((q) => q.id) }, status: "SENT" } })).toBe(7);
  });

  it("a deposit-and-balance lot does not ship on the deposit alone, unless staff give a reason; tempo falls due after shipment", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const producers = await rattanProducers();
    const { buyer, company, first } = await buyerWithCompany("Bangkok Craft Co");
    await setCompanyTerms(staff.id, company.id, { terms: "DEPOSIT_BALANCE", depositBps: 3000, creditLimitIdr: 0n });
    const quote = await sendQuoteAt(staff.id, first.id, {
      unitPriceAmount: rp(150_000),
      currency: "IDR",
      incoterm: "FOB",
      validUntil: inAWeek(),
      leadTimeDays: 30,
      conditions: null,
      producerPriceAmount: rp(90_000),
      idrPerUnit: "1",
    });
    const lot = (await answerQuote(buyer.id, quote.id, "accept"))!;
    const invoice = await db.buyerInvoice.findUniqueOrThrow({ where: { lotId: lot.id } });
    expect(invoice).toMatchObject({
      amount: rp(15_000_000),
      depositAmount: rp(4_500_000),
      dueBeforeShipment: rp(15_000_000),
    });
    await recordBuyerPayment(staff.id, invoice.id, {
      paidAmount: rp(4_500_000),
      paidCurrency: "IDR",
      paidOn: new Date(),
      bankReference: "DEP-1",
    });

    // source 100 rattan baskets from the producers, receive, pass QC: the producers are credited
    await proposeAllocation(lot.id, staff.id);
    await sendOffers(staff.id, lot.id, inAWeek());
    for (const a of await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "OFFERED" } })) {
      const member = producers.find((p) => p.producer.id === a.producerId)!;
      await answerOffer(a.producerId, member.user.id, a.id, "accept");
      await recordReceipt(staff.id, a.id, a.quantity);
      await recordQc(staff.id, a.id, a.quantity, "baik", []);
    }
    for (const to of ["CONSOLIDATING", "QC", "READY"] as const) await changeLotStatus(staff.id, lot.id, to);

    // producers are paid whatever the buyer's terms: the house has advanced Rp9.000.000 − 4.500.000 received
    const e = await exposure();
    expect(e.lots.find((l) => l.id === lot.id)).toMatchObject({
      credited: rp(9_000_000),
      received: rp(4_500_000),
      exposure: rp(4_500_000),
    });
    expect(await lotPnl(lot.id)).toEqual({
      revenue: rp(15_000_000),
      sampleCredit: 0n,
      received: rp(4_500_000),
      producerCost: rp(9_000_000),
      charges: 0n,
      margin: rp(6_000_000),
    });

    await expect(changeLotStatus(staff.id, lot.id, "SHIPPED")).rejects.toMatchObject({ key: "lots.refused.unpaid" });
    await changeLotStatus(staff.id, lot.id, "SHIPPED", "Pembeli lama, pelunasan sudah dijanjikan tertulis");
    const shipped = await db.exportLot.findUniqueOrThrow({ where: { id: lot.id } });
    expect(shipped).toMatchObject({
      status: "SHIPPED",
      shipOverrideReason: "Pembeli lama, pelunasan sudah dijanjikan tertulis",
    });
    const log = await db.auditLog.findFirstOrThrow({
      where: { entityId: lot.id, action: "lot.status" },
      orderBy: { createdAt: "desc" },
    });
    expect(log.after).toMatchObject({
      status: "SHIPPED",
      shippedUnpaid: "Pembeli lama, pelunasan sudah dijanjikan tertulis",
    });

    // the balance was due at shipment: overdue from then, aged by the invoice's date
    const later = new Date(Date.now() + 40 * DAY);
    const r = await receivables(later);
    const row = r.companies.find((c) => c.company.id === company.id)!;
    expect(row.outstandingIdr).toBe(rp(10_500_000));
    expect(row.overdueIdr).toBe(rp(10_500_000));
    expect(row.buckets).toEqual({ d0_30: 0n, d31_60: rp(10_500_000), d61_90: 0n, d90plus: 0n });
  });

  it("tempo 60: the balance is not overdue until 60 days after shipment", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { buyer, company, first } = await buyerWithCompany("Manila Weaves Inc");
    await setCompanyTerms(staff.id, company.id, { terms: "TEMPO_60", depositBps: 0, creditLimitIdr: rp(100_000_000) });
    const quote = await sendQuoteAt(staff.id, first.id, {
      unitPriceAmount: rp(100_000),
      currency: "IDR",
      incoterm: "FOB",
      validUntil: inAWeek(),
      leadTimeDays: 30,
      conditions: null,
      producerPriceAmount: rp(60_000),
      idrPerUnit: "1",
    });
    const lot = (await answerQuote(buyer.id, quote.id, "accept"))!;
    // nothing is due before shipment on tempo without a deposit
    expect(await db.buyerInvoice.findUniqueOrThrow({ where: { lotId: lot.id } })).toMatchObject({
      dueBeforeShipment: 0n,
      tempoDays: 60,
    });
    await db.exportLot.update({ where: { id: lot.id }, data: { status: "SHIPPED", shippedAt: new Date() } });
    const at = (days: number) =>
      receivables(new Date(Date.now() + days * DAY)).then((r) => r.companies.find((c) => c.company.id === company.id)!);
    expect((await at(59)).overdueIdr).toBe(0n);
    expect((await at(61)).overdueIdr).toBe(rp(10_000_000));
  });
});

describe("producer advances", () => {
  it("a staff-set exposure limit refuses new lots beyond it, also when buyers accept at once", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { buyer, rfq } = await buyerWithCompany("Brunei Honey Trading");
    const before = (await exposure()).committed;
    // each lot will owe its producers 10 × Rp100.000 = Rp1.000.000; room for four more
    await setExposureLimit(staff.id, before + rp(4_000_000));
    const quotes = [];
    for (let i = 0; i < 10; i++)
      quotes.push(
        await sendQuoteAt(staff.id, (await rfq(10)).id, {
          unitPriceAmount: rp(200_000),
          currency: "IDR",
          incoterm: "FOB",
          validUntil: inAWeek(),
          leadTimeDays: 30,
          conditions: null,
          producerPriceAmount: rp(100_000),
          idrPerUnit: "1",
        }),
      );
    const settled = await settle(quotes.map((q) => answerQuote(buyer.id, q.id, "accept")));
    expect(refusals(settled).sort()).toEqual(Array(6).fill("lots.refused.exposure"));
    expect((await exposure()).committed).toBe(before + rp(4_000_000));
    expect(await db.auditLog.count({ where: { action: "settings.exposureLimit" } })).toBe(1);
  });
});
