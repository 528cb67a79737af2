/** The cart's form actions, shared by the product page ("add") and the cart page ("set", "remove"). */
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { formError, parseForm } from "~/lib/forms.server";
import { getUser } from "~/lib/session.server";
import { CartRefused, removeCartLine, setCartLine, MAX_LINE_QTY } from "~/domain/orders/cart.server";
import { cartCookie, cartOwner } from "~/lib/cookies.server";

const quantity = z.coerce
  .number({ error: "errors.quantity" })
  .int({ error: "errors.quantity" })
  .min(1, { error: "errors.quantity" })
  .max(MAX_LINE_QTY, { error: "errors.quantity" });

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), variantId: z.string().min(1).max(40), quantity }),
  z.object({ intent: z.literal("set"), variantId: z.string().min(1).max(40), quantity }),
  z.object({ intent: z.literal("remove"), variantId: z.string().min(1).max(40) }),
]);

function refusal(err: CartRefused, form: FormData) {
  return formError(
    409,
    form,
    `cart.refused.${err.reason}`,
    {},
    { moq: err.detail.moq ?? 0, stock: err.detail.stock ?? 0, max: err.detail.max ?? 0 },
  );
}

export async function addToCartAction(request: Request) {
  const parsed = await parseForm(request, schema, {
    shape: (form) => ({ intent: "add", variantId: form.get("variantId"), quantity: form.get("quantity") }),
  });
  if (!parsed.ok) return parsed.response;
  const applied = await applyToCart(request, parsed.data, parsed.form);
  if (!applied.ok) return applied.refusal;
  const quantity = parsed.data.intent === "remove" ? 0 : parsed.data.quantity;
  // Post/redirect/get: the page loads afresh with the cart cookie just set, so the header counts a
  // first-time visitor's first item even without JavaScript, and a reload does not add it again.
  throw redirect(`${new URL(request.url).pathname}?added=${quantity}`, { headers: applied.headers });
}

export async function cartPageAction(request: Request) {
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const applied = await applyToCart(request, parsed.data, parsed.form);
  if (!applied.ok) return applied.refusal;
  return data({ ok: true as const, done: parsed.data.intent }, { headers: applied.headers });
}

/** Changes the cart; the cookie of a guest's new cart to set, or the refusal to answer with. */
async function applyToCart(request: Request, input: z.infer<typeof schema>, form: FormData) {
  const user = await getUser(request);
  const userId = user?.id ?? null;
  try {
    if (input.intent === "remove") {
      await removeCartLine(await cartOwner(request, userId), input.variantId);
      return { ok: true as const, headers: undefined };
    }
    const cartId = await setCartLine(await cartOwner(request, userId), input.variantId, input.quantity, input.intent);
    return { ok: true as const, headers: userId ? undefined : { "Set-Cookie": await cartCookie(cartId) } };
  } catch (err) {
    if (err instanceof CartRefused) return { ok: false as const, refusal: refusal(err, form) };
    throw err;
  }
}
