import "server-only";
import { generateOutlineWithRetries } from "@/engines/generate-outline";
import { generateBible, readBible } from "@/engines/long-form/bible";
import { Prisma } from "@/generated/prisma/client";
import { busyRetryLog, withBusyRetry } from "./busy-write-retry";
import { addTokenUsage, type GenerationRun, sectionWriter } from "./generation-run";
import { asJson } from "./job-progress";

/** Outline calls before the job fails with INVALID_OUTLINE (each retry feeds the validation error back). */
export const OUTLINE_ATTEMPTS = 3;

/**
 * Plans the book once: asks the engine for a validated outline and saves it as PENDING Chapter rows (unique
 * bookId+order, so a replayed save adds nothing). A resumed job finds the rows and skips the engine call;
 * either way the run ends up with the saved chapters and the outline the chapter prompts carry.
 */
export async function writeOutline(run: GenerationRun): Promise<void> {
  const { db, book } = run;
  let chapters = await db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
  if (chapters.length === 0) {
    await run.tracker.setState("GENERATING_OUTLINE", "Planning the chapters");
    const { outline, usage } = await generateOutlineWithRetries(run.engine, run.brief, {
      attempts: OUTLINE_ATTEMPTS,
      signal: run.signal,
    });
    await withBusyRetry(
      () =>
        db.$transaction([
          db.chapter.createMany({
            data: outline.chapters.map((chapter, i) => ({
              bookId: book.id,
              order: i + 1,
              title: chapter.title,
              synopsis: chapter.synopsis,
              wordBudget: chapter.wordBudget,
              status: "PENDING" as const,
            })),
            skipDuplicates: true,
          }),
          addTokenUsage(db, run.job.id, usage),
        ]),
      busyRetryLog(run),
    );
    chapters = await db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
  }
  run.chapters = chapters;
  run.outline = {
    chapters: chapters.map((c) => ({
      title: c.title,
      synopsis: c.synopsis ?? "",
      wordBudget: c.wordBudget ?? Math.max(1, Math.round((book.targetWords ?? 1000) / chapters.length)),
    })),
  };
  await writeBible(run);
}

/**
 * When the run writes with sections: the book bible, produced once after the outline and stored in
 * Book.bible. A stored bible (an earlier run, or one the author edited) is used as it is, so a retry or a
 * resumed job keeps the same names.
 */
async function writeBible(run: GenerationRun): Promise<void> {
  const model = sectionWriter(run);
  if (!model) return;
  const { db, book } = run;
  const stored = await db.book.findUniqueOrThrow({ where: { id: book.id }, select: { bible: true } });
  const existing = readBible(stored.bible);
  if (existing) {
    run.bible = existing;
    return;
  }
  await run.tracker.setState("GENERATING_OUTLINE", "Writing the book bible");
  const { bible, usage } = await generateBible(model, run.brief, run.outline, run.signal);
  // Only the first bible is kept (a concurrent run's, or the author's): the update is conditional.
  await withBusyRetry(
    () =>
      db.$transaction([
        db.book.updateMany({
          where: { id: book.id, bible: { equals: Prisma.DbNull } },
          data: { bible: asJson(bible) },
        }),
        addTokenUsage(db, run.job.id, usage),
      ]),
    busyRetryLog(run),
  );
  const saved = await db.book.findUniqueOrThrow({ where: { id: book.id }, select: { bible: true } });
  run.bible = readBible(saved.bible) ?? bible;
}
