import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { Stars } from "~/components/reviews";
import { replyToReview, reviewsToAnswer, ReviewRefused } from "~/domain/reviews/reviews.server";
import { formError, parseForm } from "~/lib/forms.server";
import { formatDate } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireProducerMember } from "~/lib/producer-access.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["review", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const { producer } = await requireProducerMember(request, locale);
  return { locale, reviews: await reviewsToAnswer(producer.id) };
}

const replySchema = z.object({
  reviewId: z.string().min(1).max(40),
  reply: z.string().trim().min(1, { error: "review.errors.reply" }).max(1000, { error: "review.errors.reply" }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, producer } = await requireProducerMember(request, routeLocale(params));
  const parsed = await parseForm(request, replySchema);
  if (!parsed.ok) return parsed.response;
  try {
    await replyToReview(producer.id, user.id, parsed.data.reviewId, parsed.data.reply);
    return { ok: true as const, replied: parsed.data.reviewId };
  } catch (err) {
    if (err instanceof ReviewRefused) return formError(409, parsed.form, `review.refused.${err.reason}`);
    throw err;
  }
}

export default function SellReviews() {
  const { locale, reviews } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("review.sellTitle")}</h1>
      <p>{t("review.sellIntro")}</p>
      {actionData && "replied" in actionData && (
        <p className="notice" role="status" data-testid="reply-saved">
          {t("review.replied")}
        </p>
      )}
      {reviews.length === 0 && <p className="meta">{t("review.noneYet")}</p>}
      {reviews.map((r) => {
        const f = failure?.values.reviewId === r.id ? failure : undefined;
        return (
          <article key={r.id} className="fieldset" data-testid="producer-review">
            <p>
              <Stars rating={r.rating} /> <strong>{r.buyer}</strong> ·{" "}
              <Link to={localePath(`/products/${r.product.slug}`, locale)}>
                {locale === "en" ? r.product.nameEn : r.product.nameId}
              </Link>{" "}
              <span className="meta">{formatDate(r.createdAt, locale)}</span>
            </p>
            <p className="review-body">{r.body}</p>
            {r.producerReply ? (
              <blockquote className="reply">
                <p className="meta">{t("review.reply")}</p>
                <p>{r.producerReply}</p>
              </blockquote>
            ) : (
              <Form method="post" noValidate>
                <CsrfInput />
                <input type="hidden" name="reviewId" value={r.id} />
                <FormError failure={f} />
                <div className="field">
                  <label htmlFor={`reply-${r.id}`}>{t("review.replyLabel")}</label>
                  <textarea
                    id={`reply-${r.id}`}
                    name="reply"
                    rows={3}
                    maxLength={1000}
                    defaultValue={f?.values.reply ?? ""}
                    aria-invalid={f?.fieldErrors.reply ? true : undefined}
                  />
                  {f?.fieldErrors.reply && <p className="error">{t(f.fieldErrors.reply)}</p>}
                  <p className="hint">{t("review.replyOnce")}</p>
                </div>
                <button type="submit">{t("review.sendReply")}</button>
              </Form>
            )}
          </article>
        );
      })}
    </div>
  );
}
