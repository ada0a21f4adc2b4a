import "server-only";
import type { Job } from "@/contracts/books";
import { assertCan } from "@/server/auth/permissions";
import { findBook, latestJob } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";
import { jobView } from "./job-view";

/** The latest generation job of a book of the organization (404 for another tenant's book). */
export async function getJob(ctx: Ctx, bookId: string): Promise<Job> {
  assertCan(ctx.actor, "job:read");
  const book = await findBook(ctx.db, ctx.actor.organizationId, bookId);
  const job = await latestJob(ctx.db, ctx.actor.organizationId, book.id);
  if (!job) throw notFound("Job");
  return jobView(job);
}
