import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiProduct } from "~/domain/catalogue/api.server";
import { json, requireApiAccess } from "~/lib/api.server";

/** GET /api/v1/products/:slug — one published product. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const headers = await requireApiAccess(request, context);
  const product = await apiProduct(params.slug ?? "");
  if (!product) return json({ error: "not_found", message: "No published product has this slug." }, 404, headers);
  return json(product, 200, headers);
}
