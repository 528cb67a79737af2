import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { verifyStatement } from "~/domain/ledger/statement.server";
import { formatMoney } from "~/domain/money";
import { formatDate } from "~/lib/format";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["statement", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/**
 * Public: a bank scanning a statement's QR code sees the figures Anjung issued and whether its
 * ledger still agrees — the producer, the period and the monthly totals, nothing about buyers.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const v = await verifyStatement(params.token ?? "");
  if (!v) throw new Response("Not found", { status: 404 });
  return { locale: routeLocale(params), v };
}

export default function VerifyStatement() {
  const { locale, v } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const rp = (x: bigint) => formatMoney(x, "IDR", locale);
  return (
    <div className="container">
      <h1>{t("statement.verifyTitle")}</h1>
      <p data-testid="statement-producer">
        <strong>{v.producer.name}</strong> {v.producer.nib && <>· NIB {v.producer.nib} </>}· {v.producer.region}
      </p>
      <p>
        {t("statement.period", { from: formatDate(v.periodStart, locale), to: formatDate(v.periodEnd, locale) })}
        <br />
        {t("statement.number", { number: v.number, date: formatDate(v.issuedAt, locale) })}
      </p>
      <p className={v.stillMatches ? "notice" : "notice warning"} role="status" data-testid="statement-check">
        {t(v.stillMatches ? "statement.matches" : "statement.changed")}
      </p>
      <div className="table-scroll">
        <table data-testid="statement-months">
          <thead>
            <tr>
              <th scope="col">{t("statement.month")}</th>
              <th scope="col">{t("statement.retail")}</th>
              <th scope="col">{t("statement.export")}</th>
              <th scope="col">{t("statement.total")}</th>
            </tr>
          </thead>
          <tbody>
            {v.months.map((m) => (
              <tr key={m.month}>
                <td>{m.month}</td>
                <td>{rp(m.retail)}</td>
                <td>{rp(m.export)}</td>
                <td>{rp(m.retail + m.export)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("statement.sum")}</th>
              <td>{rp(v.retailTotal)}</td>
              <td>{rp(v.exportTotal)}</td>
              <td data-testid="statement-total">{rp(v.retailTotal + v.exportTotal)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="meta">{t("statement.basis")}</p>
    </div>
  );
}
