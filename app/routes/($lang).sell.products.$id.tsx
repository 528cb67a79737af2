import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { mediaUrl } from "~/components/picture";
import { ProductForm } from "~/components/product-form";
import { OriginForm } from "~/components/origin-form";
import { CapacityForm } from "~/components/capacity-form";
import { capacityOf, saveCapacity } from "~/domain/trade/capacity.server";
import { toInputString } from "~/domain/money";
import { originCriterion } from "~/domain/trade/origin";
import { costStructureOf, saveCostStructure } from "~/domain/trade/origin.server";
import { costStructureSchema } from "~/domain/trade/schemas";
import { capacitySchema } from "~/domain/trade/capacity-schema";
import {
  categoryChoices,
  certificateChoices,
  getOwnProduct,
  PublishRefused,
  setOwnProductStatus,
  GtinTakenError,
  SkuTakenError,
  StockChangedError,
  updateOwnProduct,
  VariantInUseError,
} from "~/domain/catalogue/manage.server";
import { shapeProductForm, toFormValues } from "~/domain/catalogue/product-form.server";
import { ImageRefused } from "~/domain/media/images.server";
import {
  addProductImages,
  deleteProductImage,
  MAX_IMAGES,
  moveProductImage,
  retryProductImage,
  TooManyImages,
} from "~/domain/media/product-images.server";
import { requireProducerMember } from "~/lib/producer-access.server";
import { facilitated } from "~/lib/acting.server";
import { productSchema } from "~/domain/catalogue/schemas";
import { filesOf, formError, parseForm, readSmallForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { withNotice } from "~/lib/notice";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: [
    "account",
    "capacity",
    "cert",
    "certStatus",
    "origin",
    "product",
    "productStatus",
    "search",
    "sell",
    "unit",
    "units",
  ],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { producer, byFacilitator } = await requireProducerMember(request, locale);
    const product = await getOwnProduct(producer.id, params.id ?? "");
    if (!product) throw new Response("Not found", { status: 404 });
    const [cost, capacity] = await Promise.all([costStructureOf(product.id), capacityOf(product.id)]);
    const rupiah = (v: bigint | undefined) => (v === undefined ? "" : toInputString(v, "IDR"));
    return {
      // the cost structure behind the product's Form D origin (trade/origin.ts)
      cost: {
        localMaterials: rupiah(cost?.localMaterials),
        importedMaterials: rupiah(cost?.importedMaterials),
        labour: rupiah(cost?.labour),
        overhead: rupiah(cost?.overhead),
        otherCosts: rupiah(cost?.otherCosts),
        profit: rupiah(cost?.profit),
        whollyObtained: cost?.whollyObtained ?? false,
      },
      origin: cost ? originCriterion(cost) : null,
      // what the producer can make, for export lots and quote requests (trade/capacity.ts)
      capacity: {
        unitsPerPeriod: capacity ? String(capacity.unitsPerPeriod) : "",
        period: capacity?.period ?? "WEEK",
        leadTimeDays: capacity ? String(capacity.leadTimeDays) : "0",
      },
      locale,
      product: {
        id: product.id,
        slug: product.slug,
        status: product.status,
        nameId: product.nameId,
        nameEn: product.nameEn,
      },
      values: toFormValues(product),
      images: product.images.map((i) => ({
        id: i.id,
        ready: i.ready,
        error: i.error,
        key: i.key,
        widths: i.variantWidths,
        width: i.width,
        height: i.height,
      })),
      categories: await categoryChoices(),
      certificates: await certificateChoices(producer.id),
      producerVerified: producer.status === "VERIFIED",
      // a facilitator drafts; the producer decides what goes on sale
      byFacilitator,
      maxImages: MAX_IMAGES,
    };
  });
}

const statusSchema = z.object({ intent: z.enum(["publish", "unpublish", "archive"]) });
const imageSchema = z.object({
  intent: z.enum(["image-up", "image-down", "image-cover", "image-delete", "image-retry"]),
  imageId: z.string().min(1).max(40),
});
const uploadSchema = z.object({ intent: z.literal("upload") });

export async function action({ request, params }: ActionFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { user, producer, byFacilitator } = await requireProducerMember(request, locale);
    const productId = params.id ?? "";
    const here = localePath(`/sell/products/${productId}`, locale);
    const notFound = () => new Response("Not found", { status: 404 });

    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const parsed = await parseForm(request, uploadSchema, { multipart: true });
      if (!parsed.ok) return parsed.response;
      const files = await filesOf(parsed.form, "photos");
      if (files.length === 0) return formError(400, null, "workErrors.photoMissing");
      try {
        if (!(await addProductImages(producer.id, productId, files))) throw notFound();
      } catch (err) {
        if (err instanceof TooManyImages)
          return formError(400, null, "workErrors.tooManyPhotos", {}, { max: MAX_IMAGES });
        if (err instanceof ImageRefused)
          return formError(err.reason === "too-large" ? 413 : 415, null, `workErrors.image_${err.reason}`);
        throw err;
      }
      return redirect(`${here}?uploaded=${files.length}`);
    }

    const intent = (await readSmallForm(request.clone())).get("intent");
    if (intent === "save") {
      const parsed = await parseForm(request, productSchema, { shape: shapeProductForm });
      if (!parsed.ok) return parsed.response;
      let saved;
      try {
        saved = await updateOwnProduct(producer.id, productId, user.id, parsed.data);
        if (!saved) throw notFound();
      } catch (err) {
        if (err instanceof SkuTakenError) return formError(409, parsed.form, "workErrors.skuTaken");
        if (err instanceof GtinTakenError) return formError(409, parsed.form, "workErrors.gtinTaken");
        if (err instanceof VariantInUseError) return formError(409, parsed.form, "workErrors.variantInUse");
        if (err instanceof StockChangedError) {
          // the form now shows the stock as it is, so the producer's next change applies to it
          parsed.form.set(`variants[${err.row}].stockShown`, String(err.available));
          return formError(
            409,
            parsed.form,
            "workErrors.stockChanged",
            { [`variants.${err.row}.stock`]: "workErrors.stockChangedField" },
            { sku: err.sku, available: String(err.available) },
          );
        }
        throw err;
      }
      return redirect(`${here}?saved=1${saved.unpublished ? "&unpublished=food" : ""}`);
    }
    if (intent === "origin") {
      const parsed = await parseForm(request, costStructureSchema);
      if (!parsed.ok) return parsed.response;
      if (!(await saveCostStructure(producer.id, productId, user.id, parsed.data))) throw notFound();
      return redirect(`${here}?origin=1#origin-h`);
    }
    if (intent === "capacity") {
      const parsed = await parseForm(request, capacitySchema);
      if (!parsed.ok) return parsed.response;
      if (!(await saveCapacity(producer.id, productId, user.id, parsed.data))) throw notFound();
      return redirect(`${here}?capacity=1#capacity-h`);
    }
    if (typeof intent === "string" && intent.startsWith("image-")) {
      const parsed = await parseForm(request, imageSchema);
      if (!parsed.ok) return parsed.response;
      const { intent: op, imageId } = parsed.data;
      if (op === "image-retry") {
        if (!(await retryProductImage(producer.id, imageId))) throw notFound();
        return redirect(`${here}?retried=1`);
      }
      const done =
        op === "image-delete"
          ? await deleteProductImage(producer.id, imageId)
          : await moveProductImage(
              producer.id,
              imageId,
              op === "image-up" ? "up" : op === "image-down" ? "down" : "cover",
            );
      if (!done) throw notFound();
      return redirect(
        withNotice(here, op === "image-delete" ? "photoDeleted" : op === "image-cover" ? "photoCover" : "photoMoved"),
      );
    }
    const parsed = await parseForm(request, statusSchema);
    if (!parsed.ok) return parsed.response;
    if (byFacilitator) return formError(403, null, "facilitation.refused.status");
    let changed;
    try {
      changed = await setOwnProductStatus(producer.id, productId, user.id, parsed.data.intent);
      if (!changed) throw notFound();
    } catch (err) {
      if (err instanceof PublishRefused) return formError(409, null, `workErrors.publish_${err.reason}`);
      throw err;
    }
    const decided = parsed.data.intent;
    if (decided === "archive")
      return redirect(
        withNotice(localePath("/sell/products", locale), "productArchived", {
          name: locale === "en" ? changed.nameEn : changed.nameId,
        }),
      );
    return redirect(withNotice(here, decided === "publish" ? "productPublished" : "productUnpublished"));
  });
}

export default function EditProduct() {
  const {
    locale,
    product,
    values,
    images,
    categories,
    certificates,
    producerVerified,
    byFacilitator,
    maxImages,
    cost,
    origin,
    capacity,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [sp] = useSearchParams();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const processing = images.filter((i) => !i.ready && !i.error).length;
  // with JavaScript, photo progress updates by itself; without it, the reload link below does it
  useEffect(() => {
    if (!processing) return;
    const id = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(id);
  }, [processing, revalidator]);
  const lp = (p: string) => localePath(p, locale);
  const imageAction = (intent: string, id: string, label: string) => (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="imageId" value={id} />
      <button type="submit">{label}</button>
    </Form>
  );
  return (
    <div className="container wide">
      <p>
        <Link to={lp("/sell/products")}>{t("sell.productsTitle")}</Link>
      </p>
      <h1>{locale === "en" ? product.nameEn : product.nameId}</h1>
      <p>
        <span className={`status status-${product.status}`} data-testid="product-status">
          {t(`productStatus.${product.status}`)}
        </span>{" "}
        {product.status === "PUBLISHED" && <Link to={lp(`/products/${product.slug}`)}>{t("sell.viewInShop")}</Link>}
      </p>
      {sp.get("saved") && (
        <p className="notice" role="status">
          {t("account.saved")}
        </p>
      )}
      {sp.get("unpublished") === "food" && (
        <p className="notice warning" role="status" data-testid="unpublished-food">
          {t("sell.unpublishedFood")}
        </p>
      )}
      {sp.get("created") && (
        <p className="notice" role="status">
          {t("sell.created")}
        </p>
      )}
      {sp.get("uploaded") && (
        <p className="notice" role="status">
          {t("sell.uploaded", { count: Number(sp.get("uploaded")) })}
        </p>
      )}
      {sp.get("retried") && (
        <p className="notice" role="status">
          {t("sell.photoRetried")}
        </p>
      )}
      <FormError failure={failure} />
      {!producerVerified && <p className="notice">{t("sell.publishNeedsVerification")}</p>}
      {byFacilitator && <p className="notice">{t("facilitation.draftsOnly")}</p>}
      <div className="row-actions" hidden={byFacilitator}>
        {product.status !== "PUBLISHED" && (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="publish">
              {t("sell.publish")}
            </button>
          </Form>
        )}
        {product.status === "PUBLISHED" && (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="unpublish">
              {t("sell.unpublish")}
            </button>
          </Form>
        )}
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="archive">
            {t("sell.archive")}
          </button>
        </Form>
      </div>

      <section className="section" aria-labelledby="photos-h">
        <h2 id="photos-h">{t("sell.photos", { count: images.length, max: maxImages })}</h2>
        <ul className="thumbs" data-testid="photos">
          {images.map((img, i) => (
            <li key={img.id}>
              {img.ready ? (
                <img
                  src={mediaUrl(img.key, img.widths[0], "webp")}
                  alt={t("sell.photoAlt", { n: i + 1 })}
                  width={img.width}
                  height={img.height}
                  loading="lazy"
                  className="thumb-img"
                />
              ) : img.error ? (
                <>
                  <p className="error">{t("sell.photoFailed")}</p>
                  {imageAction("image-retry", img.id, t("sell.photoRetry"))}
                </>
              ) : (
                <p role="status">{t("sell.photoProcessing")}</p>
              )}
              {i === 0 && <strong>{t("sell.cover")}</strong>}
              <div className="row-actions">
                {i > 0 && imageAction("image-cover", img.id, t("sell.makeCover"))}
                {i > 0 && imageAction("image-up", img.id, "↑")}
                {i < images.length - 1 && imageAction("image-down", img.id, "↓")}
                {imageAction("image-delete", img.id, t("sell.delete"))}
              </div>
            </li>
          ))}
        </ul>
        {processing > 0 && (
          <p>
            {t("sell.processingCount", { count: processing })} <Link to=".">{t("sell.reload")}</Link>
          </p>
        )}
        {images.length < maxImages && (
          <Form method="post" encType="multipart/form-data">
            <CsrfInput />
            <input type="hidden" name="intent" value="upload" />
            <div className="field">
              <label htmlFor="f-photos">{t("sell.addPhotos")}</label>
              <input
                id="f-photos"
                type="file"
                name="photos"
                accept="image/jpeg,image/png,image/webp,image/heic"
                multiple
                aria-describedby="f-photos-hint"
              />
              <p className="hint" id="f-photos-hint">
                {t("sell.photoHint", { max: maxImages })}
              </p>
            </div>
            <button type="submit">{t("sell.upload")}</button>
          </Form>
        )}
      </section>

      <section className="section" aria-labelledby="details-h">
        <h2 id="details-h">{t("sell.details")}</h2>
        <ProductForm
          locale={locale}
          values={values}
          categories={categories}
          certificates={certificates}
          failure={failure?.values.intent === "save" ? failure : undefined}
          submitLabel={t("account.save")}
        />
      </section>

      <section className="section" aria-labelledby="capacity-h">
        <h2 id="capacity-h">{t("capacity.title")}</h2>
        {sp.get("capacity") && (
          <p className="notice" role="status">
            {t("capacity.saved")}
          </p>
        )}
        <CapacityForm values={capacity} failure={failure?.values.intent === "capacity" ? failure : undefined} />
      </section>

      <section className="section" aria-labelledby="origin-h">
        <h2 id="origin-h">{t("origin.title")}</h2>
        {sp.get("origin") && (
          <p className="notice" role="status">
            {t("origin.saved")}
          </p>
        )}
        <OriginForm
          values={cost}
          origin={origin}
          locale={locale}
          failure={failure?.values.intent === "origin" ? failure : undefined}
        />
      </section>
    </div>
  );
}
