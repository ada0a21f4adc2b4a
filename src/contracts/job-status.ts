// Without Zod, so the pages that follow a job (dashboard shelf, book page) do not load it; ./books builds
// its schema from these values.

export const jobStatuses = [
  "PENDING",
  "GENERATING_OUTLINE",
  "WRITING_CHAPTERS",
  "FINALIZING",
  "COMPLETED",
  "FAILED",
  // Paused after the outline and the bible until a writer continues it (Book.reviewPlan); not finished.
  "AWAITING_REVIEW",
] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** True once a job can no longer change by itself. */
export function isFinishedJob(status: JobStatus | undefined | null): boolean {
  return status === "COMPLETED" || status === "FAILED";
}
