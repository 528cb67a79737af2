import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiProductList } from "~/domain/catalogue/api.server";
import { parseSearchParams } from "~/domain/catalogue/search.server";
import { json, requireApiAccess } from "~/lib/api.server";

/** GET /api/v1/products?q=&category=&page= (and the search page's other facets). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const headers = await requireApiAccess(request, context);
  const params = parseSearchParams(new URL(request.url));
  return json(await apiProductList(params), 200, headers);
}
