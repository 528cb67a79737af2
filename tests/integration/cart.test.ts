import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import {
  cartItemCount,
  cartView,
  CartRefused,
  findCartId,
  mergeGuestCart,
  setCartLine,
} from "~/domain/orders/cart.server";
import { unitPrice } from "~/domain/orders/pricing";
import { createProduct, createUser, signedInCookie } from "../helpers/fixtures";
import { getRequest } from "../helpers/http";

describe("cart", () => {
  it("applies the wholesale tier for the quantity", () => {
    const tiers = [
      { minQty: 10, priceAmount: 900n },
      { minQty: 50, priceAmount: 800n },
    ];
    expect(unitPrice(1000n, tiers, 9)).toBe(1000n);
    expect(unitPrice(1000n, tiers, 10)).toBe(900n);
    expect(unitPrice(1000n, tiers, 75)).toBe(800n);
  });

  it("respects stock and MOQ, and merges a guest cart into the buyer's at sign-in", async () => {
    const { product } = await createProduct({ nameId: "Amplang udang", nameEn: "Prawn amplang", priceIdr: 40_000 });
    const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
    await db.variant.update({ where: { id: variant.id }, data: { minOrderQty: 2, stock: 5 } });
    await db.priceTier.create({ data: { variantId: variant.id, minQty: 4, priceAmount: 3_500_000 } });

    await expect(setCartLine(getRequest("/"), null, variant.id, 1, "add")).rejects.toThrow(CartRefused);
    const guestCart = await setCartLine(getRequest("/"), null, variant.id, 2, "add");
    const guestReq = getRequest("/", { cookie: `__cart=${guestCart}` });
    await expect(setCartLine(guestReq, null, variant.id, 6, "set")).rejects.toMatchObject({ reason: "over-stock" });
    await setCartLine(guestReq, null, variant.id, 4, "set");
    const view = await cartView(guestCart, "id");
    expect(view.lines[0]).toMatchObject({
      quantity: 4,
      unitPrice: 3_500_000n,
      tierApplied: true,
      lineTotal: 14_000_000n,
    });
    expect(view.subtotal).toBe(14_000_000n);

    const buyer = await createUser();
    await setCartLine(getRequest("/", { cookie: await signedInCookie(buyer.id) }), buyer.id, variant.id, 2, "add");
    await mergeGuestCart(guestReq, buyer.id);
    const mine = await findCartId(getRequest("/"), buyer.id);
    // 2 + 4 = 6 units, capped by the 5 in stock
    expect(await cartItemCount(getRequest("/"), buyer.id)).toBe(5);
    expect(await db.cart.findUnique({ where: { id: guestCart } })).toBeNull();
    // another buyer never sees this cart
    const other = await createUser();
    expect(await findCartId(getRequest("/", { cookie: `__cart=${mine}` }), other.id)).toBeNull();
    expect(await findCartId(getRequest("/", { cookie: `__cart=${mine}` }), null)).toBeNull();
  });
});
