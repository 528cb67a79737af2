import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AreaLayout } from "~/components/area-nav";
import { actingProducer } from "~/domain/producers/facilitation.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getSession, hasRole } from "~/lib/session.server";
import { useTranslation } from "~/lib/translate";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["facilitation", "sellNav", "workErrors"] };

/** A facilitator helping a producer sees for whom on every producer page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const acting =
    session && hasRole(session.user, "FACILITATOR") ? await actingProducer(session.user.id, session.sessionId) : null;
  return { locale: routeLocale(params), acting: acting && { name: acting.legalName } };
}

/** Every producer page: the producer's menu above it. */
export default function SellLayout() {
  const { locale, acting } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      {acting && (
        <div className="container">
          <p className="notice" data-testid="acting-banner">
            {t("facilitation.banner", { name: acting.name })}{" "}
            <Link to={localePath("/facilitate", locale)}>{t("facilitation.backToCaseload")}</Link>
          </p>
        </div>
      )}
      <AreaLayout area="sell" />
    </>
  );
}
