/** The cart's form actions, shared by the product page ("add") and the cart page ("set", "remove"). */
import { data } from "@remix-run/node";
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
    { moq: err.detail.moq ?? 0, stock: err.detail.stock ?? 0 },
  );
}

export async function addToCartAction(request: Request) {
  const parsed = await parseForm(request, schema, {
    shape: (form) => ({ intent: "add", variantId: form.get("variantId"), quantity: form.get("quantity") }),
  });
  return cartAction(request, parsed);
}

export async function cartPageAction(request: Request) {
  return cartAction(request, await parseForm(request, schema));
}

async function cartAction(request: Request, parsed: Awaited<ReturnType<typeof parseForm<typeof schema>>>) {
  if (!parsed.ok) return parsed.response;
  const user = await getUser(request);
  const userId = user?.id ?? null;
  try {
    if (parsed.data.intent === "remove") {
      await removeCartLine(await cartOwner(request, userId), parsed.data.variantId);
      return { ok: true as const, added: null };
    }
    const cartId = await setCartLine(
      await cartOwner(request, userId),
      parsed.data.variantId,
      parsed.data.quantity,
      parsed.data.intent,
    );
    const headers = userId ? undefined : { "Set-Cookie": await cartCookie(cartId) };
    return data(
      { ok: true as const, added: parsed.data.intent === "add" ? { quantity: parsed.data.quantity } : null },
      { headers },
    );
  } catch (err) {
    if (err instanceof CartRefused) return refusal(err, parsed.form);
    throw err;
  }
}
