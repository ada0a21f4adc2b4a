import "server-only";
import type { Chapter } from "@/generated/prisma/client";
import { EngineError, throwIfAborted } from "@/engines/writing-engine";
import { env } from "@/server/env";
import { busyRetryLog, withBusyRetry } from "./busy-write-retry";
import { addTokenUsage, type GenerationRun, sectionWriter } from "./generation-run";
import type { ChapterProgress } from "./job-progress";
import { writeChapterInSections } from "./write-chapter-sections";

/** Times one chapter is tried in-process on a retryable engine failure (cut stream, 5xx after retries). */
export const CHAPTER_ATTEMPTS = 2;

/** Runs `task` over `items` with at most `limit` at once; the first failure stops new starts and is thrown. */
async function runPool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
}

/** The saved chapters as the live progress lists them (also shown while the plan waits for review). */
export function chapterProgressOf(chapters: Chapter[]): ChapterProgress[] {
  return chapters.map((c) => ({
    order: c.order,
    title: c.title,
    state: c.status === "DONE" ? "DONE" : "PENDING",
    words: c.status === "DONE" ? c.wordCount : 0,
    budget: c.wordBudget,
  }));
}

/**
 * Writes every chapter not yet DONE, `concurrency` at a time. Each prompt carries the brief, the full
 * outline and the neighbouring synopses (ChapterRequest). A chapter is saved in its own transaction the
 * moment it finishes, with a conditional update (status ≠ DONE): a finished chapter is never rewritten,
 * even if two runs ever raced on the same book.
 */
export async function writeChapters(run: GenerationRun): Promise<void> {
  await run.transition(["GENERATING_OUTLINE", "WRITING_CHAPTERS"], "WRITING_CHAPTERS");
  await run.tracker.setChapters(chapterProgressOf(run.chapters));
  const todo = run.chapters.filter((c) => c.status !== "DONE");
  const concurrency = Math.max(1, run.deps.concurrency ?? env().GENERATION_CONCURRENCY);

  // One failed chapter stops the others too (their tokens would be wasted on a job that is failing).
  const phase = new AbortController();
  const onRunAbort = () => phase.abort(run.signal.reason);
  run.signal.addEventListener("abort", onRunAbort, { once: true });
  try {
    await runPool(todo, concurrency, async (chapter) => {
      try {
        await writeOneChapter(run, chapter, phase.signal);
      } catch (error) {
        phase.abort("chapter failed");
        throw error;
      }
    });
  } finally {
    run.signal.removeEventListener("abort", onRunAbort);
  }
  throwIfAborted(run.signal);
}

async function writeOneChapter(run: GenerationRun, chapter: Chapter, signal: AbortSignal): Promise<void> {
  const { db, tracker } = run;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    tracker.chapterStarted(chapter.order);
    await db.chapter.updateMany({ where: { id: chapter.id, status: { not: "DONE" } }, data: { status: "WRITING" } });
    try {
      const model = sectionWriter(run);
      // With sections, each section's tokens were added when it was saved; a single answer adds its own here.
      const result = model
        ? { ...(await writeChapterInSections(run, model, chapter, signal)), usage: undefined }
        : await run.engine.writeChapter(
            { brief: run.brief, outline: run.outline, index: chapter.order - 1 },
            (token) => tracker.chapterToken(chapter.order, token),
            signal,
          );
      throwIfAborted(signal);
      await withBusyRetry(
        () =>
          db.$transaction([
            db.chapter.updateMany({
              where: { id: chapter.id, status: { not: "DONE" } },
              data: { content: result.content, wordCount: result.wordCount, status: "DONE" },
            }),
            addTokenUsage(db, run.job.id, result.usage),
          ]),
        busyRetryLog(run),
      );
      tracker.chapterDone(chapter.order, result.wordCount);
      return;
    } catch (error) {
      tracker.chapterFailed(chapter.order);
      await db.chapter
        .updateMany({ where: { id: chapter.id, status: "WRITING" }, data: { status: "PENDING" } })
        .catch(() => {});
      const retry = error instanceof EngineError && error.retryable && attempt < CHAPTER_ATTEMPTS && !signal.aborted;
      if (!retry) throw error;
      run.deps.log(`job ${run.job.id}: chapter ${chapter.order} failed (${error.message}); trying again`);
    }
  }
}
