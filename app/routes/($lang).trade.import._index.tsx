import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { withNotice } from "~/lib/notice";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import {
  createImportJob,
  ImportFileError,
  recentImportJobs,
  TEMPLATE_COLUMNS,
} from "~/domain/imports/registry-import.server";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["imports", "jobStatus", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  return { locale: routeLocale(params), jobs: await recentImportJobs(), columns: [...TEMPLATE_COLUMNS] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  const parsed = await parseForm(request, z.object({}), { multipart: true });
  if (!parsed.ok) return parsed.response;
  const file = parsed.form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return formError(400, null, "workErrors.importEmpty");
  try {
    const job = await createImportJob(staff.id, file.name || "registry.csv", await file.text());
    return redirect(withNotice(localePath(`/trade/import/${job.id}`, routeLocale(params)), "importQueued"));
  } catch (err) {
    if (err instanceof ImportFileError) return formError(400, null, err.key);
    throw err;
  }
}

export default function ImportPage() {
  const { locale, jobs, columns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("imports.title")}</h1>
      <p>{t("imports.intro")}</p>
      <p>
        <a href="/trade/import-template.csv" download>
          {t("imports.template")}
        </a>
      </p>
      <details>
        <summary>{t("imports.columns")}</summary>
        <p>
          <code>{columns.join(", ")}</code>
        </p>
        <p className="hint">{t("imports.columnsHelp")}</p>
      </details>
      <Form method="post" encType="multipart/form-data">
        <CsrfInput />
        <FormError failure={isFailure(actionData) ? actionData : undefined} />
        <div className="field">
          <label htmlFor="f-file">{t("imports.file")}</label>
          <input id="f-file" type="file" name="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit">{t("imports.start")}</button>
      </Form>
      <h2>{t("imports.recent")}</h2>
      <ul>
        {jobs.map((j) => (
          <li key={j.id}>
            <Link to={localePath(`/trade/import/${j.id}`, locale)}>{j.fileName}</Link> ·{" "}
            {formatDate(j.createdAt, locale)} · {t(`jobStatus.${j.status}`)} ({j.processed}/{j.total})
          </li>
        ))}
      </ul>
    </div>
  );
}
