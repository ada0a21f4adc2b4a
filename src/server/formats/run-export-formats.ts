import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { type RenderDeps, renderBookFormats } from "./render-book-formats";

const jobData = z.object({ bookId: z.string().min(1), organizationId: z.string().min(1) });

/** The `book.export-formats` handler: renders each job's book; a storage failure throws so pg-boss retries. */
export async function runExportFormats(deps: RenderDeps, jobs: PgBoss.Job<object>[]): Promise<void> {
  for (const job of jobs) {
    const parsed = jobData.safeParse(job.data);
    if (!parsed.success) {
      // A malformed job can never succeed: log it and let it complete rather than retry forever.
      deps.log?.(`book.export-formats ${job.id}: invalid data ${JSON.stringify(job.data)}`);
      continue;
    }
    const result = await renderBookFormats(deps, parsed.data);
    const summary = result.skipped
      ? `skipped (${result.skipped})`
      : `${result.rendered.length} rendered, ${result.failed.length} failed`;
    deps.log?.(`book.export-formats ${parsed.data.bookId}: ${summary}`);
  }
}
