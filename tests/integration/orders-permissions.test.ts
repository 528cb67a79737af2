import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { loader as orderLoader, action as orderAction } from "~/routes/($lang).orders.$number";
import { loader as myOrdersLoader } from "~/routes/($lang).account_.orders";
import { loader as paymentsLoader, action as paymentsAction } from "~/routes/($lang).trade.payments";
import { action as sellOrdersAction } from "~/routes/($lang).sell.orders";
import { loader as payoutsLoader } from "~/routes/($lang).trade.payouts";
import { loader as payoutCsvLoader } from "~/routes/trade.payouts.$id.csv";
import { loader as tradeOrderLoader } from "~/routes/($lang).trade.orders.$number";
import { action as checkoutAction } from "~/routes/($lang).checkout";
import { action as webhookAction, loader as webhookLoader } from "~/routes/webhooks.stripe";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, thrown, unwrap } from "../helpers/http";
import { orderFor, sellable, shippingRate, cartWith } from "../helpers/orders";
import { toInputString } from "~/domain/money";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

describe("who may see and change orders", () => {
  it("an order opens with its key or for its buyer, and for nobody else", async () => {
    const { variant } = await sellable({ stock: 5 });
    const buyer = await createUser();
    const order = await orderFor([{ variantId: variant.id, quantity: 1 }], {}, buyer.id);
    const url = `/orders/${order.number}`;
    expect(
      unwrap(await orderLoader(args(getRequest(`${url}?key=${order.accessToken}`), { number: order.number }))).status,
    ).toBe(200);
    expect(
      unwrap(
        await orderLoader(args(getRequest(url, { cookie: await signedInCookie(buyer.id) }), { number: order.number })),
      ).status,
    ).toBe(200);
    expect(
      (
        await thrown(
          orderLoader(args(getRequest(`${url}?key=wrong${order.accessToken.slice(5)}`), { number: order.number })),
        )
      ).status,
    ).toBe(404);
    const other = await createUser();
    expect(
      (
        await thrown(
          orderLoader(args(getRequest(url, { cookie: await signedInCookie(other.id) }), { number: order.number })),
        )
      ).status,
    ).toBe(404);
    // another buyer cannot cancel it either
    expect(
      (
        await thrown(
          orderAction(
            args(formRequest(url, { intent: "cancel" }, { cookie: await signedInCookie(other.id) }), {
              number: order.number,
            }),
          ),
        )
      ).status,
    ).toBe(404);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("AWAITING_PAYMENT");
    // the list shows a buyer only its own orders
    const mine = unwrap(
      await myOrdersLoader(args(getRequest("/account/orders", { cookie: await signedInCookie(other.id) }))),
    ).body as { orders: unknown[] };
    expect(mine.orders).toHaveLength(0);
  });

  it("staff pages refuse buyers and producers; CSRF-less posts change nothing", async () => {
    const { variant } = await sellable({ stock: 5 });
    const order = await orderFor([{ variantId: variant.id, quantity: 1 }]);
    for (const roles of [["BUYER"], ["PRODUCER"]] as const) {
      const u = await createUser({ roles: [...roles] });
      const cookie = await signedInCookie(u.id);
      expect((await thrown(paymentsLoader(args(getRequest("/trade/payments", { cookie }))))).status).toBe(403);
      expect(
        (
          await thrown(
            paymentsAction(
              args(
                formRequest(
                  "/trade/payments",
                  { orderId: order.id, received: toInputString(order.transferAmount!, "IDR") },
                  { cookie },
                ),
              ),
            ),
          )
        ).status,
      ).toBe(403);
      expect((await thrown(payoutsLoader(args(getRequest("/trade/payouts", { cookie }))))).status).toBe(403);
      expect(
        (await thrown(payoutCsvLoader(args(getRequest("/trade/payouts/x/csv", { cookie }), { id: "x" })))).status,
      ).toBe(403);
      expect(
        (
          await thrown(
            tradeOrderLoader(args(getRequest(`/trade/orders/${order.number}`, { cookie }), { number: order.number })),
          )
        ).status,
      ).toBe(403);
    }
    const staff = await createUser({ roles: ["STAFF"] });
    const res = unwrap(
      await paymentsAction(
        args(
          formRequest(
            "/trade/payments",
            { orderId: order.id, received: toInputString(order.transferAmount!, "IDR") },
            { cookie: await signedInCookie(staff.id), csrf: null },
          ),
        ),
      ),
    );
    expect(res.status).toBe(403);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("AWAITING_PAYMENT");
  });

  it("a producer ships only its own parcels", async () => {
    const a = await sellable({ stock: 5 });
    const b = await sellable({ stock: 5 });
    const staff = await createUser({ roles: ["STAFF"] });
    const order = await orderFor([
      { variantId: a.variant.id, quantity: 1 },
      { variantId: b.variant.id, quantity: 1 },
    ]);
    await confirmBankTransfer(staff.id, order.id, order.transferAmount!);
    const parcelB = await db.fulfilment.findFirstOrThrow({ where: { orderId: order.id, producerId: b.producer.id } });
    const userA = await createUser({ roles: ["PRODUCER"] });
    await db.producerMember.create({ data: { producerId: a.producer.id, userId: userA.id, isOwner: true } });
    const res = unwrap(
      await sellOrdersAction(
        args(
          formRequest(
            "/sell/orders",
            { intent: "ship", fulfilmentId: parcelB.id, carrier: "JNE", trackingNumber: "JNE1234567" },
            { cookie: await signedInCookie(userA.id) },
          ),
        ),
      ),
    );
    expect(res.status).toBe(409);
    expect((await db.fulfilment.findUniqueOrThrow({ where: { id: parcelB.id } })).status).toBe("PENDING");
  });

  it("checkout keeps what was typed on a bad form and refuses a cart that ran out of stock without changing anything", async () => {
    const { variant } = await sellable({ stock: 1 });
    await shippingRate();
    const cartId = await cartWith([{ variantId: variant.id, quantity: 1 }]);
    const fields = {
      intent: "place",
      email: "a@example.test",
      name: "Siti",
      phone: "+62 812 3456 7890",
      country: "ID",
      province: "63",
      regencyCode: "63.71",
      city: "Banjarmasin",
      address: "Jl. A 1",
      postcode: "701",
      paymentMethod: "BANK_TRANSFER",
    };
    const bad = unwrap(await checkoutAction(args(formRequest("/checkout", fields, { cookie: `__cart=${cartId}` }))));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: { postcode: "errors.postcodeInvalid" },
      values: { address: "Jl. A 1" },
    });
    await db.variant.update({ where: { id: variant.id }, data: { stock: 0 } });
    const before = await db.order.count();
    const soldOut = unwrap(
      await checkoutAction(
        args(formRequest("/checkout", { ...fields, postcode: "70111" }, { cookie: `__cart=${cartId}` })),
      ),
    );
    expect(soldOut.status).toBe(409);
    expect(soldOut.body).toMatchObject({ formError: "checkout.refused.sold-out", params: { skus: variant.sku } });
    expect(await db.order.count()).toBe(before);
    expect(await db.cartItem.count({ where: { cartId } })).toBe(1);
  });

  it("the webhook endpoint takes only signed POSTs", async () => {
    expect((await webhookLoader()).status).toBe(405);
    const res = (await webhookAction(
      args(new Request("http://localhost:3999/webhooks/stripe", { method: "POST", body: "{}" })),
    )) as Response;
    expect(res.status).toBe(400);
  });
});
