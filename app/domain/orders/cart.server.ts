/**
 * Carts: a signed-in buyer's cart, or a guest cart named by the `__cart` cookie.
 * (Checkout, reservations and payment build on this in the orders module.)
 */
import { db } from "~/lib/db.server";

export const CART_COOKIE = "__cart";

export function guestCartId(request: Request): string | null {
  return /(?:^|;\s*)__cart=([a-z0-9]{20,40})/.exec(request.headers.get("Cookie") ?? "")?.[1] ?? null;
}

/** How many units are in the visitor's cart (for the header badge). */
export async function cartItemCount(request: Request, userId: string | null): Promise<number> {
  const guestId = guestCartId(request);
  if (!userId && !guestId) return 0;
  const where = userId ? { cart: { userId } } : { cartId: guestId!, cart: { userId: null } };
  const agg = await db.cartItem.aggregate({ where, _sum: { quantity: true } });
  return agg._sum.quantity ?? 0;
}
