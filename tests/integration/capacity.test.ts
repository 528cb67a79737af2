import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { rfqFeasibility, saveCapacity } from "~/domain/trade/capacity.server";
import { eligibleOffers } from "~/domain/trade/eligibility.server";
import {
  answerOffer,
  changeLotStatus,
  createLot,
  proposeAllocation,
  recordReceipt,
  sendOffers,
} from "~/domain/trade/lots.server";
import { createRfq } from "~/domain/trade/rfq.server";
import { action as productPageAction } from "~/routes/($lang).sell.products.$id";
import { createUser, producerMemberCookie } from "../helpers/fixtures";
import { formRequest, unwrap } from "../helpers/http";
import { rattanProducers, lotInput } from "../helpers/trade";

const DAY = 86_400_000;
const settle = <T>(ps: Array<Promise<T>>) => Promise.allSettled(ps);

describe("production capacity and lead time", () => {
  it("a producer declares capacity for its own products only, audited; bad input is refused and kept", async () => {
    const [mine, theirs] = await rattanProducers();
    const cookie = await producerMemberCookie(mine.producer.id);
    const post = async (productId: string, fields: Record<string, string>) =>
      unwrap(
        await productPageAction({
          request: formRequest(`/sell/products/${productId}`, { intent: "capacity", ...fields }, { cookie }),
          params: { id: productId },
          context: {},
        }).catch((e: unknown) => e),
      );
    const bad = await post(mine.product.id, { unitsPerPeriod: "banyak", period: "WEEK", leadTimeDays: "400" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: { unitsPerPeriod: "capacity.errors.units", leadTimeDays: "capacity.errors.lead" },
      values: { unitsPerPeriod: "banyak" },
    });
    expect(await db.productCapacity.count({ where: { productId: mine.product.id } })).toBe(0);
    // another producer's product: not found, nothing saved
    expect((await post(theirs.product.id, { unitsPerPeriod: "70", period: "WEEK", leadTimeDays: "7" })).status).toBe(
      404,
    );
    expect(await db.productCapacity.count({ where: { productId: theirs.product.id } })).toBe(0);
    expect((await post(mine.product.id, { unitsPerPeriod: "70", period: "WEEK", leadTimeDays: "7" })).status).toBe(302);
    expect(await db.productCapacity.findUniqueOrThrow({ where: { productId: mine.product.id } })).toMatchObject({
      unitsPerPeriod: 70,
      period: "WEEK",
      leadTimeDays: 7,
    });
    // ten saves at once: none fails, one row stands
    const saves = await settle(
      Array.from({ length: 10 }, (_, i) =>
        saveCapacity(mine.producer.id, mine.product.id, mine.user.id, {
          unitsPerPeriod: 100 + i,
          period: "MONTH",
          leadTimeDays: i,
        }),
      ),
    );
    expect(saves.every((r) => r.status === "fulfilled" && r.value === true)).toBe(true);
    expect(await db.productCapacity.count({ where: { productId: mine.product.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "product.capacity", entityId: mine.product.id } })).toBe(11);
    // an empty quantity removes it
    expect((await post(mine.product.id, { unitsPerPeriod: "", period: "WEEK", leadTimeDays: "0" })).status).toBe(302);
    expect(await db.productCapacity.count({ where: { productId: mine.product.id } })).toBe(0);
  });

  it("the allocator counts what producers can make by the lot's date; accepting takes only the stock there is", async () => {
    const producers = await rattanProducers();
    const staff = await createUser({ roles: ["STAFF"] });
    // one maker with no stock at all but 70 a week after a week's lead time
    const maker = producers[3];
    await db.variant.update({ where: { id: maker.variant.id }, data: { stock: 0 } });
    await saveCapacity(maker.producer.id, maker.product.id, maker.user.id, {
      unitsPerPeriod: 70,
      period: "WEEK",
      leadTimeDays: 7,
    });
    const lot = await createLot(
      staff.id,
      lotInput({
        categoryId: maker.product.categoryId,
        targetQuantity: 300,
        wantedBy: new Date(Date.now() + 30 * DAY),
      }),
    );
    const offers = await eligibleOffers(lot.id);
    // 30 days less 7 of lead time at 10 a day (whole days from now: 29 or 30)
    const made = offers.find((o) => o.variantId === maker.variant.id)!;
    expect(made.capacity).toBeGreaterThanOrEqual(220);
    expect(made.capacity).toBeLessThanOrEqual(230);
    // without a date only stock counts, and a producer without stock is not asked
    await db.exportLot.update({ where: { id: lot.id }, data: { wantedBy: null } });
    expect((await eligibleOffers(lot.id)).some((o) => o.variantId === maker.variant.id)).toBe(false);
    await db.exportLot.update({ where: { id: lot.id }, data: { wantedBy: new Date(Date.now() + 30 * DAY) } });

    const plan = await proposeAllocation(lot.id, staff.id);
    expect(plan.total).toBe(300); // stock 40 + 30 + 60 = 130 alone could not
    const share = plan.allocations.find((a) => a.variantId === maker.variant.id)!;
    expect(share.quantity).toBeGreaterThan(0);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + DAY));
    const offered = await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "OFFERED" } });
    const stockBefore = new Map(
      (await db.variant.findMany({ where: { id: { in: offered.map((a) => a.variantId!) } } })).map((v) => [
        v.id,
        v.stock,
      ]),
    );
    for (const a of offered) await answerOffer(a.producerId, staff.id, a.id, "accept");
    const accepted = await db.lotAllocation.findMany({ where: { lotId: lot.id, status: "ACCEPTED" } });
    expect(accepted.reduce((s, a) => s + a.quantity, 0)).toBe(300);
    for (const a of accepted) {
      const before = stockBefore.get(a.variantId!)!;
      expect(a.fromStock).toBe(Math.min(before, a.quantity));
      const after = (await db.variant.findUniqueOrThrow({ where: { id: a.variantId! } })).stock;
      expect(after).toBe(before - a.fromStock!);
    }
    const makerShare = accepted.find((a) => a.variantId === maker.variant.id)!;
    expect(makerShare.fromStock).toBe(0);

    // the maker delivers part of what it promised: nothing goes "back" to a stock it never took from
    await changeLotStatus(staff.id, lot.id, "CONSOLIDATING");
    await recordReceipt(staff.id, makerShare.id, Math.floor(makerShare.quantity / 2));
    expect((await db.variant.findUniqueOrThrow({ where: { id: maker.variant.id } })).stock).toBe(0);
    // a stock producer delivering less gets the rest of its stock count back
    const stocked = accepted.find((a) => a.variantId !== maker.variant.id)!;
    const stockedBefore = (await db.variant.findUniqueOrThrow({ where: { id: stocked.variantId! } })).stock;
    await recordReceipt(staff.id, stocked.id, stocked.quantity - 3);
    expect((await db.variant.findUniqueOrThrow({ where: { id: stocked.variantId! } })).stock).toBe(stockedBefore + 3);
  });

  it("a producer without capacity cannot accept more than its stock", async () => {
    const producers = await rattanProducers();
    const staff = await createUser({ roles: ["STAFF"] });
    const lot = await createLot(staff.id, lotInput({ productId: producers[0].product.id, targetQuantity: 30 }));
    await proposeAllocation(lot.id, staff.id);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + DAY));
    const offer = await db.lotAllocation.findFirstOrThrow({ where: { lotId: lot.id, status: "OFFERED" } });
    // retail sold most of the stock meanwhile
    await db.variant.update({ where: { id: offer.variantId! }, data: { stock: 5 } });
    await expect(answerOffer(offer.producerId, staff.id, offer.id, "accept")).rejects.toMatchObject({
      key: "lotOffers.refused.noStock",
    });
    expect((await db.lotAllocation.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("OFFERED");
    expect((await db.variant.findUniqueOrThrow({ where: { id: offer.variantId! } })).stock).toBe(5);
  });

  it("says whether a quote request can be made by its date, with fortnightly shipments", async () => {
    const producers = await rattanProducers();
    const buyer = await createUser();
    await saveCapacity(producers[0].producer.id, producers[0].product.id, producers[0].user.id, {
      unitsPerPeriod: 70,
      period: "WEEK",
      leadTimeDays: 0,
    });
    const rfq = await createRfq(
      buyer.id,
      {
        name: "Penang Home Sdn Bhd",
        country: "MY",
        taxId: null,
        contactName: "Aisyah",
        contactEmail: "aisyah@penang.example",
        contactPhone: null,
      },
      {
        productId: producers[0].product.id,
        categoryId: producers[0].product.categoryId,
        quantity: 400,
        unit: "pcs",
        targetPriceAmount: null,
        targetCurrency: null,
        destinationCountry: "MY",
        destinationPort: "Penang",
        incoterm: "FOB",
        wantedBy: new Date(Date.now() + 20 * DAY),
        notes: null,
      },
    );
    const f = (await rfqFeasibility(rfq.id))!;
    expect(f).toMatchObject({ producers: 1, withCapacity: 1, readyInDays: 36, feasible: false });
    // 40 in stock and 10 a day from today: 400 needs 36 days; by the date (19 or 20 days) 160–170 are missing
    expect(f.shortByWanted).toBeGreaterThanOrEqual(160);
    expect(f.shortByWanted).toBeLessThanOrEqual(170);
    expect(f.shipments.map((x) => [x.units, x.cumulative])).toEqual([
      [40, 40],
      [140, 180],
      [140, 320],
      [80, 400],
    ]);
    await db.quoteRequest.update({ where: { id: rfq.id }, data: { wantedBy: new Date(Date.now() + 40 * DAY) } });
    expect((await rfqFeasibility(rfq.id))!.feasible).toBe(true);
  });
});
