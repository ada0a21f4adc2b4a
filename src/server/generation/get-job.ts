import "server-only";
import type { Job } from "@/contracts/books";
import { assertCan } from "@/server/auth/permissions";
import { findBookAndLatestJob } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { jobView } from "./job-view";

/** The latest generation job of a book of the organization (404 for another tenant's book). */
export async function getJob(ctx: Ctx, bookId: string): Promise<Job> {
  assertCan(ctx.actor, "job:read");
  const { job } = await findBookAndLatestJob(ctx.db, ctx.actor, bookId);
  return jobView(job);
}
