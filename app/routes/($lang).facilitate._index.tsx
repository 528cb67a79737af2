import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/lib/translate";
import { CsrfInput } from "~/components/forms";
import { LadderCard } from "~/components/ladder";
import { actFor, actingProducer, caseload } from "~/domain/producers/facilitation.server";
import { regencyLabel } from "~/domain/regions/regions";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getSession, requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["facilitation", "ladder", "producerStatus", "scale", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** A facilitator's caseload: each producer's ladder, last visit and next steps, and acting for one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const session = await getSession(request);
  const [producers, acting] = await Promise.all([
    caseload(user.id),
    session ? actingProducer(user.id, session.sessionId) : null,
  ]);
  return {
    locale: routeLocale(params),
    acting: acting && { id: acting.id, name: acting.legalName },
    producers: producers.map((p) => ({
      id: p.id,
      name: p.legalName,
      region: regencyLabel(p.regencyCode),
      scale: p.scale,
      status: p.status,
      phone: p.contactPhone,
      lastVisit: p.lastVisit?.visitedOn.toISOString().slice(0, 10) ?? null,
      nextSteps: p.lastVisit?.nextSteps ?? null,
      ladder: p.ladder,
    })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("act"), producerId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("stop") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const user = await requireRole(request, "FACILITATOR");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const session = await getSession(request);
  const producerId = parsed.data.intent === "act" ? parsed.data.producerId : null;
  // beyond the caseload there is nothing to act for
  if (!session || !(await actFor(user.id, session.sessionId, producerId)))
    throw new Response("Not found", { status: 404 });
  return redirect(localePath(producerId ? "/sell?acting=1" : "/facilitate?stopped=1", locale));
}

export default function Caseload() {
  const { locale, acting, producers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("facilitation.caseloadTitle")}</h1>
      <p>{t("facilitation.caseloadIntro", { count: producers.length })}</p>
      {acting && (
        <Form method="post" className="notice row-actions" data-testid="acting">
          <CsrfInput />
          <span>{t("facilitation.actingFor", { name: acting.name })}</span>
          <button type="submit" name="intent" value="stop" className="secondary">
            {t("facilitation.stop")}
          </button>
        </Form>
      )}
      {producers.length === 0 && <p>{t("facilitation.none")}</p>}
      <ul className="cards" data-testid="caseload">
        {producers.map((p) => (
          <li key={p.id} className="parcel" data-testid="case">
            <h2>
              <Link to={localePath(`/facilitate/producers/${p.id}`, locale)}>{p.name}</Link>
            </h2>
            <p className="meta">
              {p.region} · {t(`scale.${p.scale}`)} · {t(`producerStatus.${p.status}`)} · {p.phone}
            </p>
            <p className="meta">
              {p.lastVisit
                ? t("facilitation.lastVisit", { date: formatDate(p.lastVisit, locale) })
                : t("facilitation.noVisit")}
              {p.nextSteps && (
                <>
                  {" "}
                  · {t("facilitation.nextSteps")}: {p.nextSteps}
                </>
              )}
            </p>
            <LadderCard ladder={p.ladder} compact />
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="producerId" value={p.id} />
              <button type="submit" name="intent" value="act">
                {t("facilitation.act")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
