import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isValidCsrf } from "~/lib/csrf.server";
import { readSmallForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { withNotice } from "~/lib/notice";
import { routeLocale } from "~/lib/request.server";
import { destroySession } from "~/lib/session.server";

export function loader({ params }: LoaderFunctionArgs) {
  // signing out is a POST; a GET (a prefetch, a crawler) must not end a session
  return redirect(localePath("/", routeLocale(params)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readSmallForm(request);
  if (!isValidCsrf(request, form)) throw new Response("Invalid CSRF token", { status: 403 });
  return destroySession(request, withNotice(localePath("/", routeLocale(params)), "signedOut"));
}
