import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/lib/translate";
import { importJob } from "~/domain/imports/registry-import.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["imports", "jobStatus"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  const job = await importJob(params.id ?? "");
  if (!job) throw new Response("Not found", { status: 404 });
  return {
    locale: routeLocale(params),
    job: { ...job, createdAt: job.createdAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null },
  };
}

// without JavaScript, the page refreshes itself while the import runs
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Anjung" },
  { name: "robots", content: "noindex" },
  ...(data && (data.job.status === "PENDING" || data.job.status === "RUNNING")
    ? [{ httpEquiv: "refresh", content: "2" } as const]
    : []),
];

export default function ImportJobPage() {
  const { locale, job } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const running = job.status === "PENDING" || job.status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(id);
  }, [running, revalidator]);
  const pct = job.total ? Math.round((job.processed / job.total) * 100) : 0;
  const refused = job.report.filter((r) => r.errors.length > 0);
  return (
    <div className="container wide">
      <p>
        <Link to={localePath("/trade/import", locale)}>{t("imports.title")}</Link>
      </p>
      <h1>{job.fileName}</h1>
      <p data-testid="import-status">
        {t(`jobStatus.${job.status}`)} — {t("imports.progress", { processed: job.processed, total: job.total })}
      </p>
      <progress max={job.total || 1} value={job.processed} aria-label={t("imports.progressLabel")}>
        {pct}%
      </progress>
      <ul data-testid="import-counts">
        <li>{t("imports.created", { count: job.created })}</li>
        <li>{t("imports.updated", { count: job.updated })}</li>
        <li>{t("imports.unchanged", { count: job.unchanged })}</li>
        <li>{t("imports.refused", { count: job.refused })}</li>
      </ul>
      {job.error && <p className="form-error">{job.error}</p>}
      {refused.length > 0 && (
        <>
          <h2>{t("imports.refusedRows")}</h2>
          <table className="variants">
            <thead>
              <tr>
                <th scope="col">{t("imports.row")}</th>
                <th scope="col">NIB / SKU</th>
                <th scope="col">{t("imports.why")}</th>
              </tr>
            </thead>
            <tbody>
              {refused.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>
                    {r.nib}
                    {r.sku && ` / ${r.sku}`}
                  </td>
                  <td>
                    {r.errors.map((e) => {
                      const [field, key] = e.includes(": ") ? e.split(": ") : ["", e];
                      return (
                        <div key={e}>
                          {field && <code>{field}</code>} {t(key)}
                        </div>
                      );
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
