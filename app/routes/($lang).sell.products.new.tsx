import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { isFailure } from "~/components/forms";
import { ProductForm } from "~/components/product-form";
import {
  categoryChoices,
  certificateChoices,
  createOwnProduct,
  GtinTakenError,
  SkuTakenError,
} from "~/domain/catalogue/manage.server";
import { shapeProductForm } from "~/domain/catalogue/product-form.server";
import { requireProducerMember } from "~/lib/producer-access.server";
import { facilitated } from "~/lib/acting.server";
import { productSchema } from "~/domain/catalogue/schemas";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "certStatus", "product", "search", "sell", "unit", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { producer } = await requireProducerMember(request, locale);
    return { locale, categories: await categoryChoices(), certificates: await certificateChoices(producer.id) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { user, producer } = await requireProducerMember(request, locale);
    const parsed = await parseForm(request, productSchema, { shape: shapeProductForm });
    if (!parsed.ok) return parsed.response;
    try {
      const product = await createOwnProduct(producer.id, user.id, parsed.data);
      return redirect(`${localePath(`/sell/products/${product.id}`, locale)}?created=1`);
    } catch (err) {
      if (err instanceof SkuTakenError) return formError(409, parsed.form, "workErrors.skuTaken");
      if (err instanceof GtinTakenError) return formError(409, parsed.form, "workErrors.gtinTaken");
      throw err;
    }
  });
}

export default function NewProduct() {
  const { locale, categories, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <p>
        <Link to={localePath("/sell/products", locale)}>{t("sell.productsTitle")}</Link>
      </p>
      <h1>{t("sell.newProduct")}</h1>
      <ProductForm
        locale={locale}
        categories={categories}
        certificates={certificates}
        failure={isFailure(actionData) ? actionData : undefined}
        submitLabel={t("sell.saveDraft")}
      />
    </div>
  );
}
