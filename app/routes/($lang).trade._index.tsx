import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { deskCounts, type DeskCounts } from "~/domain/trade/desk.server";
import { requireRole } from "~/lib/session.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["desk"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  return { locale: routeLocale(params), counts: await deskCounts() };
}

/** Each count and the page where it is dealt with. */
const WORK: Array<{ key: keyof DeskCounts; path: string }> = [
  { key: "producersToVerify", path: "/trade/verification" },
  { key: "certificatesToVerify", path: "/trade/verification" },
  { key: "transfersAwaiting", path: "/trade/payments" },
  { key: "ordersToShip", path: "/trade/orders" },
  { key: "quotesOpen", path: "/trade/rfq" },
  { key: "lotsInProgress", path: "/trade/lots" },
  { key: "jobsFailed", path: "/trade/jobs" },
];

export default function TradeDesk() {
  const { locale, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const waiting = WORK.filter((w) => counts[w.key] > 0);
  return (
    <div className="container">
      <h1>{t("desk.title")}</h1>
      <p>{waiting.length ? t("desk.intro") : t("desk.nothing")}</p>
      <ul className="desk" data-testid="desk">
        {waiting.map((w) => (
          <li key={w.key} data-testid={`desk-${w.key}`}>
            <Link to={localePath(w.path, locale)} className="desk-item">
              <strong>{counts[w.key]}</strong> <span>{t(`desk.${w.key}`, { count: counts[w.key] })}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
