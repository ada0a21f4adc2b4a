import { z } from "zod";
import { bookLanguages, engineIds } from "@/engines/writing-engine";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { assertPlanAllows, reserveBookQuota } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { enqueueGeneration } from "@/server/generation/generation-queue";
import type { Enqueue } from "@/server/queue/queue";
import { asJson, initialProgress } from "@/server/generation/job-progress";
import { jobView } from "@/server/generation/job-view";
import { bookView } from "./book-view";
import { countUsage } from "./count-usage";
import { defaultEngineOf, engineInfo, resolveEngine } from "./engine-config";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const numeric = (v: unknown) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v);

export const MIN_WORDS_PER_CHAPTER = 100;

export const createBookInput = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(200, "Use at most 200 characters"),
    topic: z.string().trim().min(3, "Describe the topic in a few words").max(2000, "Use at most 2000 characters"),
    goal: z.string().trim().min(3, "Say what the reader should get from it").max(2000, "Use at most 2000 characters"),
    audience: z.preprocess(emptyToUndefined, z.string().trim().max(500, "Use at most 500 characters").optional()),
    language: z.enum(bookLanguages, "Choose English (en) or French (fr)").default("en"),
    tone: z.preprocess(emptyToUndefined, z.string().trim().max(200, "Use at most 200 characters").optional()),
    targetChapters: z
      .preprocess(
        numeric,
        z
          .number("Enter a number")
          .int("Use a whole number")
          .min(1, "At least 1 chapter")
          .max(50, "At most 50 chapters"),
      )
      .default(8),
    targetWords: z
      .preprocess(
        numeric,
        z
          .number("Enter a number")
          .int("Use a whole number")
          .min(500, "At least 500 words")
          .max(200_000, "At most 200,000 words"),
      )
      .default(12_000),
    engine: z.enum(engineIds, `Choose one of: ${engineIds.join(", ")}`).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.targetWords < value.targetChapters * MIN_WORDS_PER_CHAPTER) {
      ctx.addIssue({
        code: "custom",
        path: ["targetWords"],
        message: `Allow at least ${MIN_WORDS_PER_CHAPTER} words per chapter (${value.targetChapters * MIN_WORDS_PER_CHAPTER} for ${value.targetChapters} chapters)`,
      });
    }
  });
export type CreateBookInput = z.input<typeof createBookInput>;

/**
 * Creates a book and its generation job (PENDING), counts BOOKS_CREATED for the month and logs
 * `book.created` in one transaction, then queues the job. If queueing fails the job stays PENDING and the
 * worker's supervisor queues it again, so a created book is never forgotten.
 */
export async function createBook(ctx: Ctx, input: CreateBookInput, options: { enqueue?: Enqueue } = {}) {
  assertCan(ctx.actor, "book:create");
  const data = createBookInput.parse(input);
  const { book, job } = await ctx.db.$transaction(async (tx) => {
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
  });
  try {
    await enqueueGeneration(job.id, options.enqueue);
  } catch (error) {
    console.error(`[books] could not queue job ${job.id}; the worker supervisor will pick it up:`, error);
  }
  return { book: bookView(book), job: jobView(job) };
}
