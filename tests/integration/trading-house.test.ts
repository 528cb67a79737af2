import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { exportDocument } from "~/domain/trade/documents.server";
import {
  answerOffer,
  changeLotStatus,
  createLot,
  expireLotOffers,
  LotRefused,
  lotFacts,
  proposeAllocation,
  recordQc,
  recordReceipt,
  sendOffers,
} from "~/domain/trade/lots.server";
import { lotProvenance } from "~/domain/trade/provenance.server";
import { recordBuyerPayment } from "~/domain/trade/receivables.server";
import { answerQuote, createRfq } from "~/domain/trade/rfq.server";
import { impactCsv, impactFigures } from "~/domain/trade/impact.server";
import { producerBalance } from "~/domain/ledger/ledger.server";
import { action as sellLotsAction } from "~/routes/($lang).sell.lots";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, unwrap } from "../helpers/http";
import { rattanProducers, sendQuoteAt } from "../helpers/trade";
import { pdfText } from "../helpers/files";

describe("trading house: from a quote request to a shipped lot", () => {
  it("runs the whole flow with re-allocation, QC credits, documents and provenance", async () => {
    const producers = await rattanProducers();
    const category = await db.category.findUniqueOrThrow({ where: { slug: "anyaman-rotan" } });
    const buyer = await createUser();
    const staff = await createUser({ roles: ["STAFF"] });

    // RFQ → quote → accepted → lot
    const rfq = await createRfq(
      buyer.id,
      {
        name: "Lion City Homeware Pte Ltd",
        country: "SG",
        taxId: "201912345K",
        contactName: "Mei Ling",
        contactEmail: "mei@lioncity.example",
        contactPhone: null,
      },
      {
        productId: null,
        categoryId: category.id,
        quantity: 100,
        unit: "pcs",
        targetPriceAmount: 1200n,
        targetCurrency: "USD",
        destinationCountry: "SG",
        destinationPort: "Singapore",
        incoterm: "FOB",
        wantedBy: null,
        notes: "natural colour",
      },
    );
    const quote = await sendQuoteAt(staff.id, rfq.id, {
      unitPriceAmount: 1450n,
      currency: "USD",
      incoterm: "FOB",
      validUntil: new Date(Date.now() + 7 * 86_400_000),
      leadTimeDays: 30,
      conditions: "30% advance",
      producerPriceAmount: 9_000_000n,
    });
    const stranger = await createUser();
    await expect(answerQuote(stranger.id, quote.id, "accept")).rejects.toBeInstanceOf(LotRefused);
    const lot = (await answerQuote(buyer.id, quote.id, "accept"))!;
    expect(lot).toMatchObject({
      status: "DRAFT",
      targetQuantity: 100,
      unitPriceAmount: 1450n,
      currency: "USD",
      producerPriceAmount: 9_000_000n,
    });
    await expect(changeLotStatus(staff.id, lot.id, "READY")).rejects.toMatchObject({ key: "lots.refused.illegal" });
    await expect(changeLotStatus(staff.id, lot.id, "SOURCING")).rejects.toMatchObject({ key: "lots.refused.noOffers" });

    // the allocator spreads 100 units over the producers, and staff send the offers
    const plan = await proposeAllocation(lot.id, staff.id);
    expect(plan.total).toBe(100);
    expect(new Set(plan.allocations.map((a) => a.producerId)).size).toBeGreaterThanOrEqual(3);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000));
    expect((await db.exportLot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("SOURCING");
    expect(await db.outboundMail.count({ where: { kind: "lot.offer" } })).toBe(plan.allocations.length);

    // a producer cannot answer another producer's offer
    const offers = await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "OFFERED" } });
    const [first, second] = offers;
    const owner = (id: string) => producers.find((p) => p.producer.id === id)!;
    const intruder = producers.find((p) => p.producer.id !== first.producerId)!;
    const res = unwrap(
      await sellLotsAction({
        request: formRequest(
          "/sell/lots",
          { intent: "accept", allocationId: first.id },
          { cookie: await signedInCookie(intruder.user.id) },
        ),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(409);
    expect((await db.lotAllocation.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("OFFERED");

    // one declines: its share is proposed to the others again
    await answerOffer(
      second.producerId,
      owner(second.producerId).user.id,
      second.id,
      "decline",
      "panen rotan terlambat",
    );
    const reproposed = await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "PROPOSED" } });
    expect(reproposed.reduce((s, a) => s + a.quantity, 0)).toBe(second.quantity);
    expect(reproposed.every((a) => a.producerId !== second.producerId)).toBe(true);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000));
    for (const a of await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "OFFERED" } })) {
      const before = (await db.variant.findUniqueOrThrow({ where: { id: a.variantId! } })).stock;
      await answerOffer(a.producerId, owner(a.producerId).user.id, a.id, "accept");
      expect((await db.variant.findUniqueOrThrow({ where: { id: a.variantId! } })).stock).toBe(before - a.quantity);
    }
    await changeLotStatus(staff.id, lot.id, "CONSOLIDATING");
    await expect(changeLotStatus(staff.id, lot.id, "QC")).rejects.toMatchObject({ key: "lots.refused.notAllReceived" });
    for (const a of await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "ACCEPTED" } }))
      await recordReceipt(staff.id, a.id, a.quantity);
    await changeLotStatus(staff.id, lot.id, "QC");

    // QC: one allocation partly fails → short → not READY; the shortfall is proposed again
    const received = await db.lotAllocation.findMany({
      where: { lotId: lot.id, status: "RECEIVED" },
      orderBy: { quantity: "desc" },
    });
    const failing = received[0];
    await recordQc(staff.id, failing.id, failing.quantity - 5, "5 keranjang anyaman longgar", []);
    for (const a of received.slice(1)) await recordQc(staff.id, a.id, a.quantity, "baik", []);
    expect(await lotFacts(lot.id)).toMatchObject({ passed: 95, target: 100 });
    await expect(changeLotStatus(staff.id, lot.id, "READY")).rejects.toMatchObject({ key: "lots.refused.short" });
    expect(
      (await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "PROPOSED" } })).reduce(
        (s, a) => s + a.quantity,
        0,
      ),
    ).toBe(5);
    // passed units are credited at the producer price, once
    expect(await producerBalance(failing.producerId)).toBe(BigInt(failing.quantity - 5) * 9_000_000n);
    await expect(recordQc(staff.id, failing.id, 1, "again", [])).rejects.toMatchObject({
      key: "lots.refused.notReceived",
    });

    // the last 5 are sourced, received and passed → READY → SHIPPED
    await changeLotStatus(staff.id, lot.id, "SOURCING");
    await sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000));
    for (const a of await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "OFFERED" } })) {
      await answerOffer(a.producerId, owner(a.producerId).user.id, a.id, "accept");
      await recordReceipt(staff.id, a.id, a.quantity);
      await recordQc(staff.id, a.id, a.quantity, "baik", []);
    }
    await changeLotStatus(staff.id, lot.id, "CONSOLIDATING");
    await changeLotStatus(staff.id, lot.id, "QC");
    await changeLotStatus(staff.id, lot.id, "READY");
    // cash in advance (the default terms): it does not ship before the buyer has paid the proforma invoice
    await expect(changeLotStatus(staff.id, lot.id, "SHIPPED")).rejects.toMatchObject({ key: "lots.refused.unpaid" });
    const proforma = await db.buyerInvoice.findUniqueOrThrow({ where: { lotId: lot.id } });
    expect(proforma).toMatchObject({ amount: 145_000n, currency: "USD", terms: "CASH_IN_ADVANCE" });
    await recordBuyerPayment(staff.id, proforma.id, {
      paidAmount: 145_000n,
      paidCurrency: "USD",
      paidOn: new Date(),
      bankReference: "tt-0001",
    });
    await changeLotStatus(staff.id, lot.id, "SHIPPED");
    expect(await db.auditLog.count({ where: { entityId: lot.id, action: "lot.status" } })).toBeGreaterThanOrEqual(6);

    // documents: the generated PDFs carry the lines, HS codes, Incoterm, consignee and totals
    const invoice = (await exportDocument(lot.id, "invoice"))!;
    const text = await pdfText(invoice.pdf);
    expect(text).toContain("COMMERCIAL INVOICE");
    expect(text).toContain("Lion City Homeware Pte Ltd");
    expect(text).toContain("4602.12");
    expect(text).toContain("FOB");
    expect(text).toMatch(/Total: 100 pcs — \$1,450\.00 \(USD\)/);
    const packing = await pdfText((await exportDocument(lot.id, "packing-list"))!.pdf);
    expect(packing).toContain("PACKING LIST");
    expect(packing).toContain(`/lots/${lot.code}`);
    expect(packing).toMatch(/net 80 kg/);
    const origin = await pdfText((await exportDocument(lot.id, "origin"))!.pdf);
    expect(origin).toContain("FORM D");
    expect(origin).toContain("Singapore");

    // provenance: producers named only with their consent
    const hiddenOne = (await db.lotAllocation.findFirstOrThrow({ where: { lotId: lot.id, status: "QC_PASSED" } }))
      .producerId;
    await db.producer.update({ where: { id: hiddenOne }, data: { provenanceConsent: false } });
    const page = (await lotProvenance(lot.code, "en"))!;
    expect(page.quantity).toBe(100);
    expect(page.hidden).toBe(1);
    expect(page.producers.map((p) => p.name)).not.toContain(
      (await db.producer.findUniqueOrThrow({ where: { id: hiddenOne } })).legalName,
    );
    expect(page.producers.length).toBeGreaterThanOrEqual(2);

    // impact: export volume per kabupaten, micro share, CSV
    const impact = await impactFigures();
    expect(impact.charts.exportByRegency.reduce((s, r) => s + r.value, 0)).toBe(100);
    expect(impact.microShare).toBeGreaterThan(0);
    expect(impactCsv(impact.table).split("\n")[0]).toBe(
      "month,regency_code,regency,retail_amount_idr,retail_units,export_units,export_credit_idr",
    );
  }, 90_000); // PDFs and AVIF encoding: seconds alone, more while the fault suites load the machine

  it("treats an offer unanswered by its deadline as declined and sources the shortfall again", async () => {
    const producers = await rattanProducers();
    const staff = await createUser({ roles: ["STAFF"] });
    const lot = await createLot(staff.id, {
      productId: producers[0].product.id,
      categoryId: null,
      grade: null,
      packaging: null,
      targetQuantity: 10,
      unit: "pcs",
      destinationCountry: "MY",
      destinationPort: "Port Klang",
      incoterm: "CIF",
      unitPriceAmount: 6000n,
      currency: "MYR",
      producerPriceAmount: 8_000_000n,
      unitsPerPackage: 5,
      companyId: null,
    });
    await proposeAllocation(lot.id, staff.id);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + 60_000));
    expect(await expireLotOffers(new Date())).toBe(0);
    expect(await expireLotOffers(new Date(Date.now() + 120_000))).toBe(1);
    const all = await db.lotAllocation.findMany({ where: { lotId: lot.id } });
    expect(all.find((a) => a.status === "DECLINED")).toMatchObject({ declineReason: "no answer by the deadline" });
    // the only eligible producer did not answer: nobody is left to propose to, and the lot says so
    expect(all.filter((a) => a.status === "PROPOSED")).toHaveLength(0);
    expect((await proposeAllocation(lot.id, staff.id)).summary.key).toBe("allocator.summary.none");
  });
});
