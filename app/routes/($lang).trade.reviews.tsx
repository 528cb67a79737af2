import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { ReviewPhotos, Stars } from "~/components/reviews";
import { moderateReview, moderationQueue, ReviewRefused } from "~/domain/reviews/reviews.server";
import { formError, parseForm } from "~/lib/forms.server";
import { formatDate } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["review", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  return { locale: routeLocale(params), queue: await moderationQueue() };
}

const schema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("hide"),
    reviewId: z.string().min(1).max(40),
    reason: z.string().trim().min(3, { error: "review.errors.reason" }).max(500, { error: "review.errors.reason" }),
  }),
  z.object({ action: z.literal("show"), reviewId: z.string().min(1).max(40) }),
  z.object({ action: z.literal("keep"), reviewId: z.string().min(1).max(40) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  try {
    const { reviewId, ...m } = parsed.data;
    await moderateReview(staff.id, reviewId, m);
    return { ok: true as const, done: m.action };
  } catch (err) {
    if (err instanceof ReviewRefused) return formError(409, parsed.form, `review.refused.${err.reason}`);
    throw err;
  }
}

export default function TradeReviews() {
  const { locale, queue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const item = (r: (typeof queue.fresh)[number]) => {
    const f = failure?.values.reviewId === r.id ? failure : undefined;
    return (
      <article key={r.id} className="fieldset" data-testid="queued-review">
        <p>
          <Stars rating={r.rating} /> <strong>{r.buyer.name}</strong> <span className="meta">({r.buyer.email})</span> ·{" "}
          <Link to={localePath(`/products/${r.product.slug}`, locale)}>
            {locale === "en" ? r.product.nameEn : r.product.nameId}
          </Link>{" "}
          <span className="meta">
            {formatDate(r.createdAt, locale)}
            {r.editedAt && ` · ${t("review.edited")}`}
          </span>
        </p>
        <p className="review-body">{r.body}</p>
        <ReviewPhotos photos={r.photos} by={r.buyer.name} />
        {r.status === "HIDDEN" ? (
          <>
            <p className="notice warning">{t("review.hiddenBecause", { reason: r.hiddenReason ?? "" })}</p>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="reviewId" value={r.id} />
              <button type="submit" name="action" value="show">
                {t("review.show")}
              </button>
            </Form>
          </>
        ) : (
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="reviewId" value={r.id} />
            <FormError failure={f} />
            <div className="field">
              <label htmlFor={`reason-${r.id}`}>{t("review.hideReason")}</label>
              <input
                id={`reason-${r.id}`}
                name="reason"
                defaultValue={f?.values.reason ?? ""}
                aria-invalid={f?.fieldErrors.reason ? true : undefined}
              />
              {f?.fieldErrors.reason && <p className="error">{t(f.fieldErrors.reason)}</p>}
            </div>
            <button type="submit" name="action" value="hide">
              {t("review.hide")}
            </button>{" "}
            <button type="submit" name="action" value="keep" className="link-button">
              {t("review.keep")}
            </button>
          </Form>
        )}
      </article>
    );
  };
  return (
    <div className="container wide">
      <h1>{t("review.tradeTitle")}</h1>
      <p>{t("review.tradeIntro")}</p>
      {actionData && "done" in actionData && (
        <p className="notice" role="status" data-testid="moderated">
          {t(`review.done.${actionData.done}`)}
        </p>
      )}
      <h2>{t("review.queue", { count: queue.fresh.length })}</h2>
      {queue.fresh.length === 0 ? <p className="meta">{t("review.queueEmpty")}</p> : queue.fresh.map(item)}
      {queue.hidden.length > 0 && (
        <>
          <h2>{t("review.hiddenTitle")}</h2>
          {queue.hidden.map(item)}
        </>
      )}
    </div>
  );
}
