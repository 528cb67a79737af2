import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { cancelJob, JobRefused, jobsOverview, retryFailedJobs, retryJob } from "~/jobs/overview.server";
import { JOB_STATES } from "~/jobs/states";
import { formatDateTime, formatNumber } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";
import { useTranslation } from "~/lib/translate";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["jobStatus", "jobs", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  return { locale: routeLocale(params), now: new Date(), ...(await jobsOverview()) };
}

const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["retry", "cancel"]),
    jobId: z.string().regex(/^\d{1,18}$/, { error: "errors.invalidChoice" }),
  }),
  z.object({ intent: z.literal("retry-failed") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const here = localePath("/trade/jobs", routeLocale(params));
  const input = parsed.data;
  try {
    if (input.intent === "retry-failed") return redirect(`${here}?retried=${await retryFailedJobs(staff.id)}`);
    if (input.intent === "retry") await retryJob(staff.id, BigInt(input.jobId));
    else await cancelJob(staff.id, BigInt(input.jobId));
  } catch (err) {
    if (err instanceof JobRefused) return formError(409, parsed.form, err.key);
    throw err;
  }
  return redirect(`${here}?${input.intent === "retry" ? "retried=1" : "cancelled=1"}`);
}

function age(from: Date | string, now: Date | string) {
  const s = Math.max(0, Math.round((new Date(now).getTime() - new Date(from).getTime()) / 1000));
  return s < 120
    ? { key: "jobs.ageSeconds", count: s }
    : s < 7200
      ? { key: "jobs.ageMinutes", count: Math.round(s / 60) }
      : { key: "jobs.ageHours", count: Math.round(s / 3600) };
}

export default function Jobs() {
  const { locale, now, totals, summary, attention, schedules, workers, imports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [sp] = useSearchParams();
  const { t } = useTranslation();
  const ago = (d: Date | string) => {
    const a = age(d, now);
    return t(a.key, { count: a.count });
  };
  const tasks = [...new Set(summary.map((r) => r.task))];
  return (
    <div className="container wide">
      <h1>{t("jobs.title")}</h1>
      <p>{t("jobs.intro")}</p>
      {sp.get("retried") && (
        <p className="notice" role="status">
          {t("jobs.retried", { count: Number(sp.get("retried")) })}
        </p>
      )}
      {sp.get("cancelled") && (
        <p className="notice" role="status">
          {t("jobs.cancelled")}
        </p>
      )}
      <FormError failure={isFailure(actionData) ? actionData : undefined} />

      <div className="cards">
        {JOB_STATES.map((s) => (
          <div className="stat" key={s}>
            <strong data-testid={`jobs-${s}`}>{formatNumber(totals[s], locale)}</strong> {t(`jobs.state.${s}`)}
          </div>
        ))}
      </div>

      <section className="section" aria-labelledby="by-task">
        <h2 id="by-task">{t("jobs.byTask")}</h2>
        {tasks.length === 0 ? (
          <p>{t("jobs.none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="variants">
              <thead>
                <tr>
                  <th scope="col">{t("jobs.task")}</th>
                  {JOB_STATES.map((s) => (
                    <th scope="col" key={s}>
                      {t(`jobs.state.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => (
                  <tr key={task}>
                    <th scope="row">{t(`jobs.tasks.${task}`, { defaultValue: task })}</th>
                    {JOB_STATES.map((s) => {
                      const r = summary.find((x) => x.task === task && x.state === s);
                      return (
                        <td key={s} data-testid={`count-${task}-${s}`}>
                          {r ? (
                            <>
                              {formatNumber(r.count, locale)}
                              <br />
                              <span className="meta">{t("jobs.oldest", { age: ago(r.oldest) })}</span>
                            </>
                          ) : (
                            "–"
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="attention">
        <h2 id="attention">{t("jobs.attention")}</h2>
        {totals.failed > 0 && (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="retry-failed">
              {t("jobs.retryAllFailed", { count: totals.failed })}
            </button>
          </Form>
        )}
        {attention.length === 0 ? (
          <p>{t("jobs.allWell")}</p>
        ) : (
          attention.map((j) => (
            <article key={String(j.id)} className="parcel" data-testid="job">
              <h3>
                {t(`jobs.tasks.${j.task}`, { defaultValue: j.task })} <span className="meta">#{String(j.id)}</span> ·{" "}
                {t(`jobs.state.${j.state}`)}
              </h3>
              <p className="meta">
                {t("jobs.attempts", { attempts: j.attempts, max: j.maxAttempts })} ·{" "}
                {t("jobs.added", { age: ago(j.createdAt) })}
                {j.state === "running" && j.lockedAt
                  ? ` · ${t("jobs.runningOn", { worker: j.lockedBy ?? "", age: ago(j.lockedAt) })}`
                  : ""}
                {j.state === "retrying" ? ` · ${t("jobs.nextTry", { date: formatDateTime(j.runAt, locale) })}` : ""}
              </p>
              {j.lastError && (
                <pre className="error" data-testid="job-error">
                  {j.lastError.split("\n")[0]}
                </pre>
              )}
              {j.state !== "running" && (
                <Form method="post" className="row-actions">
                  <CsrfInput />
                  <input type="hidden" name="jobId" value={String(j.id)} />
                  <button type="submit" name="intent" value="retry">
                    {t("jobs.retry")}
                  </button>
                  <button type="submit" name="intent" value="cancel" className="secondary">
                    {t("jobs.cancel")}
                  </button>
                </Form>
              )}
            </article>
          ))
        )}
      </section>

      <section className="section" aria-labelledby="imports">
        <h2 id="imports">{t("jobs.imports")}</h2>
        {imports.length === 0 ? (
          <p>{t("jobs.noImports")}</p>
        ) : (
          <ul>
            {imports.map((i) => (
              <li key={i.id}>
                <Link to={localePath(`/trade/import/${i.id}`, locale)}>{i.fileName}</Link> ·{" "}
                {t(`jobStatus.${i.status}`)} ·{" "}
                <progress
                  max={i.total || 1}
                  value={i.processed}
                  aria-label={t("jobs.importProgress", { file: i.fileName })}
                />{" "}
                {t("jobs.rowsDone", { done: formatNumber(i.processed, locale), total: formatNumber(i.total, locale) })}
                {i.error && <span className="error"> {i.error}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="schedules">
        <h2 id="schedules">{t("jobs.schedules")}</h2>
        <ul>
          {schedules.map((s) => (
            <li key={s.task}>
              {t(`jobs.tasks.${s.task}`)} · <code>{s.cron}</code> ·{" "}
              {s.lastRun ? t("jobs.lastRun", { age: ago(s.lastRun) }) : t("jobs.neverRun")}
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="workers">
        <h2 id="workers">{t("jobs.workers")}</h2>
        {workers.length === 0 ? (
          <p className="error">{t("jobs.noWorkers")}</p>
        ) : (
          <ul>
            {workers.map((w) => (
              <li key={w.id}>
                <code>{w.id}</code> · {t("jobs.workerSeen", { age: ago(w.seenAt), count: w.workerIds.length })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
