import "server-only";
import { variantForBook } from "@/checkers/checker";
import type { Chapter } from "@/generated/prisma/client";
import {
  type BibleAdditions,
  bibleAdditionsSchema,
  type BookBible,
  emptyBible,
  mergeBible,
} from "@/engines/long-form/bible";
import { appendNames, findIntroducedNames, MAX_CHAPTER_NAMES } from "@/engines/long-form/introduced-names";
import type { ChatModel } from "@/engines/long-form/chat-model";
import {
  DEFAULT_SECTION_WORDS,
  planChapterSections,
  readStoredSections,
  type StoredSection,
} from "@/engines/long-form/section-plan";
import { nextSectionTarget, writeSectionToLength } from "@/engines/long-form/write-section";
import { countWords } from "@/engines/word-count";
import { throwIfAborted } from "@/engines/writing-engine";
import { env } from "@/server/env";
import { busyRetryLog, withBusyRetry } from "./busy-write-retry";
import { addTokenUsage, type GenerationRun } from "./generation-run";
import { asJson } from "./job-progress";

/** Finished sections joined into the chapter's text. */
const joinSections = (sections: StoredSection[]) =>
  sections
    .filter((s) => s.status === "DONE")
    .map((s) => s.content.trim())
    .filter(Boolean)
    .join("\n\n");

/** The book's bible with what every chapter introduced so far (read fresh: parallel chapters add theirs). */
async function mergedBible(run: GenerationRun): Promise<BookBible> {
  const rows = await run.db.chapter.findMany({
    where: { bookId: run.book.id },
    select: { order: true, bibleAdditions: true },
    orderBy: { order: "asc" },
  });
  const additions = rows.flatMap((r) => {
    if (r.bibleAdditions === null) return [];
    const parsed = bibleAdditionsSchema.safeParse(r.bibleAdditions);
    return parsed.success ? [parsed.data] : [];
  });
  return mergeBible(run.bible ?? emptyBible(), additions);
}

const noAdditions = (): BibleAdditions => ({ characters: [], terms: [] });

/** A stored Chapter.bibleAdditions (untrusted JSON); empty when absent or unreadable. */
const readAdditions = (raw: unknown): BibleAdditions => {
  const parsed = bibleAdditionsSchema.safeParse(raw);
  return parsed.success ? parsed.data : noAdditions();
};

/**
 * Writes one chapter section by section: plans it once (Chapter.sections, with what the plan says the
 * chapter introduces in Chapter.bibleAdditions, its own part of the bible), then writes each section not yet
 * DONE to its budget and saves it at once with its token usage and the names its text introduced (appended
 * to the chapter's additions in the same transaction, so a resumed chapter neither loses nor repeats them).
 * Every section is written with the merged bible read afresh, so it follows the names other chapters added
 * meanwhile. A killed worker's successor reads the saved sections and resumes at the first unfinished one; a
 * cancel keeps the finished ones. The chapter is DONE when every section is. Every write is conditional on
 * the chapter not being DONE, so a finished chapter never changes.
 */
export async function writeChapterInSections(
  run: GenerationRun,
  model: ChatModel,
  chapter: Chapter,
  signal: AbortSignal,
): Promise<{ content: string; wordCount: number }> {
  const { db, tracker } = run;
  const index = chapter.order - 1;
  const maxWords = run.deps.sectionWords ?? env().GENERATION_SECTION_WORDS ?? DEFAULT_SECTION_WORDS;
  const row = await db.chapter.findUniqueOrThrow({
    where: { id: chapter.id },
    select: { sections: true, bibleAdditions: true },
  });
  let sections: StoredSection[];
  let additions: BibleAdditions;
  const stored = readStoredSections(row.sections);
  if (stored) {
    sections = stored;
    additions = readAdditions(row.bibleAdditions);
  } else ({ sections, additions } = await planChapter(run, model, chapter, maxWords, signal));
  const variant = variantForBook(run.book.language, run.book.languageVariant);

  const budget = chapter.wordBudget ?? sections.reduce((a, s) => a + s.wordBudget, 0);
  const plan = sections.map((s) => ({ point: s.point, wordBudget: s.wordBudget }));
  const total = sections.length;
  const doneCount = () => sections.filter((s) => s.status === "DONE").length;
  tracker.sectionsPlanned(chapter.order, doneCount(), total, joinSections(sections));

  for (const [i, section] of sections.entries()) {
    if (section.status === "DONE") continue;
    throwIfAborted(signal);
    const writtenSoFar = joinSections(sections);
    const bible = await mergedBible(run);
    const written = await writeSectionToLength(
      model,
      {
        brief: run.brief,
        outline: run.outline,
        bible,
        index,
        sections: plan,
        section: i,
        targetWords: nextSectionTarget(plan, i, budget, countWords(writtenSoFar)),
        writtenSoFar,
      },
      (token) => tracker.chapterToken(chapter.order, token),
      signal,
    );
    throwIfAborted(signal);
    const next: StoredSection[] = [...sections];
    next[i] = {
      ...section,
      status: "DONE",
      content: written.content,
      wordCount: written.wordCount,
      tokenUsage: written.usage ?? null,
    };
    // Names the section's text introduced, against the bible it was written with (no model call).
    const introduced =
      additions.characters.length < MAX_CHAPTER_NAMES ? await findIntroducedNames(written.content, bible, variant) : [];
    const nextAdditions = appendNames(additions, introduced);
    await withBusyRetry(
      () =>
        db.$transaction([
          db.chapter.updateMany({
            where: { id: chapter.id, status: { not: "DONE" } },
            data: { sections: asJson(next), bibleAdditions: asJson(nextAdditions) },
          }),
          addTokenUsage(db, run.job.id, written.usage),
        ]),
      busyRetryLog(run),
    );
    sections = next;
    additions = nextAdditions;
    tracker.sectionDone(chapter.order, doneCount(), total, joinSections(sections));
  }
  const content = joinSections(sections);
  return { content, wordCount: countWords(content) };
}

/** Plans the chapter's sections once and saves the plan (and what the chapter introduces) with its tokens. */
async function planChapter(
  run: GenerationRun,
  model: ChatModel,
  chapter: Chapter,
  maxWords: number,
  signal: AbortSignal,
): Promise<{ sections: StoredSection[]; additions: BibleAdditions }> {
  const { db } = run;
  const bible = await mergedBible(run);
  const { plan, usage, repaired } = await planChapterSections(
    model,
    { brief: run.brief, outline: run.outline, bible, index: chapter.order - 1, maxWords },
    signal,
  );
  if (repaired.length)
    run.deps.log(`job ${run.job.id}: chapter ${chapter.order} plan repaired: ${repaired.join("; ")}`);
  const planned: StoredSection[] = plan.sections.map((s, i) => ({
    order: i + 1,
    point: s.point,
    wordBudget: s.wordBudget,
    status: "PENDING",
    content: "",
    wordCount: 0,
    tokenUsage: null,
  }));
  const additions = plan.introduces;
  throwIfAborted(signal);
  await withBusyRetry(
    () =>
      db.$transaction([
        db.chapter.updateMany({
          where: { id: chapter.id, status: { not: "DONE" } },
          data: { sections: asJson(planned), bibleAdditions: asJson(additions) },
        }),
        addTokenUsage(db, run.job.id, usage),
      ]),
    busyRetryLog(run),
  );
  return { sections: planned, additions };
}
