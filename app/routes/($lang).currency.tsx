import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { DISPLAY_CURRENCIES, rememberCurrency } from "~/domain/catalogue/currency.server";
import { currencyCookie } from "~/lib/cookies.server";
import { parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getUser, safeRedirectTo } from "~/lib/session.server";

const schema = z.object({
  currency: z.enum(DISPLAY_CURRENCIES, { error: "errors.invalidChoice" }),
  returnTo: z.string().optional(),
});

/** Chooses the display currency (prices stay in IDR); the choice persists in a cookie and on the account. */
export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, schema);
  // a resource route: the refusal goes out as JSON with its status (403 without the CSRF token)
  if (!parsed.ok) return Response.json(parsed.response.data, { status: parsed.response.init?.status ?? 400 });
  const user = await getUser(request);
  await rememberCurrency(user?.id ?? null, parsed.data.currency);
  const cookie = await currencyCookie(parsed.data.currency);
  return redirect(safeRedirectTo(parsed.data.returnTo, localePath("/", routeLocale(params))), {
    headers: { "Set-Cookie": cookie },
  });
}

export function loader({ params }: ActionFunctionArgs) {
  return redirect(localePath("/", routeLocale(params)));
}
