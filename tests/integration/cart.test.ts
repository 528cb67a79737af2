import { cartCookie, guestCartId } from "~/lib/cookies.server";
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
import { createProduct, createUser } from "../helpers/fixtures";
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

  const guest = (guestCartId: string | null) => ({ userId: null, guestCartId });

  it("respects stock and MOQ, and merges a guest cart into the buyer's at sign-in", async () => {
    const { product } = await createProduct({ nameId: "Amplang udang", nameEn: "Prawn amplang", priceIdr: 40_000 });
    const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
    await db.variant.update({ where: { id: variant.id }, data: { minOrderQty: 2, stock: 5 } });
    await db.priceTier.create({ data: { variantId: variant.id, minQty: 4, priceAmount: 3_500_000 } });

    await expect(setCartLine(guest(null), variant.id, 1, "add")).rejects.toThrow(CartRefused);
    const guestCart = await setCartLine(guest(null), variant.id, 2, "add");
    // the cookie the edge set names the cart on the next request
    expect(await guestCartId(getRequest("/", { cookie: (await cartCookie(guestCart)).split(";")[0] }))).toBe(guestCart);
    expect(await guestCartId(getRequest("/", { cookie: `__cart=${guestCart}` }))).toBe(guestCart); // a cookie from before
    expect(await guestCartId(getRequest("/", { cookie: `__cart=../../etc` }))).toBeNull();
    await expect(setCartLine(guest(guestCart), variant.id, 6, "set")).rejects.toMatchObject({ reason: "over-stock" });
    await setCartLine(guest(guestCart), variant.id, 4, "set");
    const view = await cartView(guestCart, "id");
    expect(view.lines[0]).toMatchObject({
      quantity: 4,
      unitPrice: 3_500_000n,
      tierApplied: true,
      lineTotal: 14_000_000n,
    });
    expect(view.subtotal).toBe(14_000_000n);

    const buyer = await createUser();
    await setCartLine({ userId: buyer.id, guestCartId: null }, variant.id, 2, "add");
    await mergeGuestCart(guestCart, buyer.id);
    const mine = await findCartId({ userId: buyer.id, guestCartId: null });
    // 2 + 4 = 6 units, capped by the 5 in stock
    expect(await cartItemCount({ userId: buyer.id, guestCartId: null })).toBe(5);
    expect(await db.cart.findUnique({ where: { id: guestCart } })).toBeNull();
    // another buyer never sees this cart
    const other = await createUser();
    expect(await findCartId({ userId: other.id, guestCartId: mine })).toBeNull();
    expect(await findCartId({ userId: null, guestCartId: mine })).toBeNull();
  });
});
