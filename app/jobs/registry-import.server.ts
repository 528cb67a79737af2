/** registry_import: one chunk of a staff registry import, then the next (see app/domain/imports/registry-import.server.ts). */
import type { Task } from "graphile-worker";
import { runImportChunk } from "~/domain/imports/registry-import.server";
import { stringField } from "./payload";

export const registryImportTask: Task = async (payload, helpers) => {
  await runImportChunk(stringField(payload, "importId"), {
    finalAttempt: helpers.job.attempts >= helpers.job.max_attempts,
  });
};
