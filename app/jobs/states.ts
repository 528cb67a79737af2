/** The states a job is shown in at /trade/jobs (shared by the page and the server module). */
export type JobState = "queued" | "running" | "scheduled" | "retrying" | "failed";
export const JOB_STATES: JobState[] = ["queued", "running", "retrying", "scheduled", "failed"];
