import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ChapterProgress, ProgressDetails } from "@/contracts/books";
import { countWords } from "@/engines/word-count";

// The live picture of a job is persisted in BookJob.progressDetails, so a reload or a second tab shows the
// same thing, and pushed to browsers over Server-Sent Events; its shape is the books contract's.
export type { ChapterProgress, ProgressDetails } from "@/contracts/books";

/** How a chapter stands in the live progress (mirrors ChapterStatus). */
export type ChapterProgressState = ChapterProgress["state"];

export const RECENT_TEXT_CHARS = 500;

/** An empty progress picture for a job that has not started. */
export function initialProgress(engine: ProgressDetails["engine"], wordsTarget: number): ProgressDetails {
  return {
    state: "PENDING",
    percent: 0,
    message: null,
    chaptersTotal: 0,
    chaptersDone: 0,
    currentChapter: null,
    wordsWritten: 0,
    wordsTarget,
    chapters: [],
    recentText: "",
    engine,
    updatedAt: new Date().toISOString(),
  };
}

/** Percent shown for a state: the outline is quick, chapters are the bulk (5–90 %), finalizing the tail. */
export function percentFor(details: Pick<ProgressDetails, "state" | "chapters" | "percent">): number {
  switch (details.state) {
    case "PENDING":
      return 0;
    case "GENERATING_OUTLINE":
      return 2;
    case "AWAITING_REVIEW":
      return 4;
    case "WRITING_CHAPTERS": {
      const total = details.chapters.reduce((sum, c) => sum + Math.max(1, c.budget ?? 1), 0);
      if (total === 0) return 5;
      const done = details.chapters.reduce((sum, c) => {
        const budget = Math.max(1, c.budget ?? 1);
        if (c.state === "DONE") return sum + budget;
        return sum + Math.min(0.99 * budget, c.words);
      }, 0);
      return Math.min(90, Math.round(5 + (85 * done) / total));
    }
    case "FINALIZING":
      return 92;
    case "COMPLETED":
      return 100;
    case "FAILED":
      return details.percent;
  }
}

/** Keeps the end of a text, cut at a word boundary when possible. */
export function tail(text: string, chars = RECENT_TEXT_CHARS): string {
  if (text.length <= chars) return text;
  const cut = text.slice(text.length - chars);
  const space = cut.search(/\s/);
  return space > 0 && space < 40 ? cut.slice(space + 1) : cut;
}

/** Words in a streamed chapter so far (Markdown-aware, like the final count). */
export const streamedWords = (text: string) => countWords(text);

/** A progress object as a Prisma JSON value (interfaces lack the index signature Prisma's type wants). */
export function asJson(value: object): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
