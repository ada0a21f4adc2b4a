import "server-only";
import { type CreateBookInput, createBookInput } from "@/contracts/book-inputs";
import type { BookWithJob } from "@/contracts/books";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { assertPlanAllows, reserveBookQuota } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { withBusyRetry } from "@/server/generation/busy-write-retry";
import { enqueueGeneration } from "@/server/generation/generation-queue";
import type { Enqueue } from "@/server/queue/queue";
import { asJson, initialProgress } from "@/server/generation/job-progress";
import { jobView } from "@/server/generation/job-view";
import { bookView } from "./book-view";
import { countUsage } from "./count-usage";
import { defaultEngineOf, engineInfo, resolveEngine } from "./engine-config";

/**
 * Creates a book and its generation job (PENDING), counts BOOKS_CREATED for the month and logs
 * `book.created` in one transaction, then queues the job. If queueing fails the job stays PENDING and the
 * worker's supervisor queues it again, so a created book is never forgotten.
 */
export async function createBook(
  ctx: Ctx,
  input: CreateBookInput,
  options: { enqueue?: Enqueue } = {},
): Promise<BookWithJob> {
  assertCan(ctx.actor, "book:create");
  const data = createBookInput.parse(input);
  // A burst of creations queues on the organization's quota row; one that could not even start its
  // transaction in time (a busy pool) committed nothing and is tried again rather than answered 500.
  const { book, job } = await withBusyRetry(() =>
    ctx.db.$transaction(async (tx) => {
      await reserveBookQuota(tx, ctx.actor.organizationId);
      const org = await tx.organization.findUniqueOrThrow({
        where: { id: ctx.actor.organizationId },
        select: { id: true, engineSettings: true, engineSecretEncrypted: true },
      });
      const engineId = data.engine ?? defaultEngineOf(org);
      const engine = resolveEngine(org, engineId);
      // Real engines are a paid feature (checked once the choice is known to be configured); demo is free.
      if (!engine.isDemo) await assertPlanAllows(tx, org.id, "advancedEngines");
      const book = await tx.book.create({
        data: {
          organizationId: org.id,
          createdById: ctx.actor.userId,
          title: data.title,
          topic: data.topic,
          goal: data.goal,
          audience: data.audience ?? null,
          language: data.language,
          tone: data.tone ?? null,
          targetChapters: data.targetChapters,
          targetWords: data.targetWords,
          engine: engineId,
          isDemoContent: engine.isDemo,
          reviewPlan: data.reviewPlan,
          status: "GENERATING",
        },
      });
      const job = await tx.bookJob.create({
        data: {
          bookId: book.id,
          organizationId: org.id,
          requestedById: ctx.actor.userId,
          engine: engineId,
          status: "PENDING",
          progressDetails: asJson(initialProgress(engineInfo(engineId), data.targetWords)),
        },
      });
      await countUsage(tx, org.id, "BOOKS_CREATED");
      await recordActivity(tx, {
        action: "book.created",
        resource: "book",
        resourceId: book.id,
        organizationId: org.id,
        actorId: ctx.actor.userId,
        metadata: { title: book.title, engine: engineId, jobId: job.id },
        ...ctx.meta,
      });
      return { book, job };
    }),
  );
  try {
    await enqueueGeneration(job.id, options.enqueue);
  } catch (error) {
    console.error(`[books] could not queue job ${job.id}; the worker supervisor will pick it up:`, error);
  }
  return { book: bookView(book), job: jobView(job) };
}
