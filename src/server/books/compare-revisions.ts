import "server-only";
import { type CompareRevisionsInput, compareRevisionsInput } from "@/contracts/book-inputs";
import type { ComparedChapter, DiffRunView, RevisionComparison } from "@/contracts/books";
import { countWords } from "@/engines/word-count";
import type { BookRevision } from "@/generated/prisma/client";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { findBook } from "./find-book";
import { currentChapters, revisionChapters, type VersionChapter, type VersionText } from "./revision-chapters";
import { type DiffRun, diffDeadline, diffRuns } from "./word-diff";

/** Characters of unchanged text kept on each side of a change; longer unchanged passages become a `skip`. */
export const CONTEXT_CHARACTERS = 240;
/** The most diff text one answer carries; changed chapters past it come back `truncated` (ask for each alone). */
export const COMPARE_TEXT_BUDGET = 400_000;
/** The time the word diffs of one comparison may take; past it, chapters are diffed by paragraph or whole. */
export const COMPARE_TIME_BUDGET_MS = 4_000;

/** Cuts `text` to about `size` characters at a word boundary, from its start or from its end. */
function clip(text: string, size: number, from: "start" | "end"): string {
  if (from === "start") {
    const cut = text.slice(0, size);
    const space = cut.search(/\s\S*$/);
    return space > 0 ? cut.slice(0, space + 1) : cut;
  }
  const cut = text.slice(-size);
  const space = cut.search(/\s/);
  return space >= 0 && space < cut.length - 1 ? cut.slice(space) : cut;
}

/** Keeps the unchanged text next to each change and replaces the rest with `skip` runs (their word count). */
export function collapseRuns(runs: DiffRun[]): DiffRunView[] {
  const out: DiffRunView[] = [];
  runs.forEach((run, index) => {
    if (run.type !== "same" || run.text.length <= CONTEXT_CHARACTERS * 2 + 40) {
      out.push(run);
      return;
    }
    const head = index > 0 ? clip(run.text, CONTEXT_CHARACTERS, "start") : "";
    const tail = index < runs.length - 1 ? clip(run.text, CONTEXT_CHARACTERS, "end") : "";
    const skipped = run.text.slice(head.length, run.text.length - tail.length);
    if (head) out.push({ type: "same", text: head });
    out.push({ type: "skip", words: countWords(skipped) });
    if (tail) out.push({ type: "same", text: tail });
  });
  return out;
}

const textOf = (c: VersionChapter) => c.content;

/** Pairs the chapters of two versions: by id when both recorded their chapter ids, else by position. */
function pairChapters(before: VersionChapter[], after: VersionChapter[]) {
  const pairs: {
    before: VersionChapter | null;
    after: VersionChapter | null;
    numberBefore: number | null;
    number: number;
  }[] = [];
  const byIds = before.every((c) => c.id) && after.every((c) => c.id);
  if (byIds) {
    const index = new Map(before.map((c, i) => [c.id!, i]));
    const used = new Set<number>();
    after.forEach((chapter, i) => {
      const j = index.get(chapter.id!);
      if (j !== undefined) used.add(j);
      pairs.push({
        before: j === undefined ? null : before[j]!,
        after: chapter,
        numberBefore: j === undefined ? null : j + 1,
        number: i + 1,
      });
    });
    before.forEach((chapter, j) => {
      if (!used.has(j)) pairs.push({ before: chapter, after: null, numberBefore: j + 1, number: j + 1 });
    });
    return pairs;
  }
  for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
    pairs.push({
      before: before[i] ?? null,
      after: after[i] ?? null,
      numberBefore: before[i] ? i + 1 : null,
      number: i + 1,
    });
  }
  return pairs;
}

/** A comparison of two versions' chapters; `only` keeps one chapter and gives its whole text. */
export function compareVersions(
  before: VersionText,
  after: VersionText,
  only?: number,
): Pick<RevisionComparison, "chapters" | "wordsAdded" | "wordsRemoved" | "title" | "titleBefore"> {
  let budget = COMPARE_TEXT_BUDGET;
  const timeLeft = diffDeadline(COMPARE_TIME_BUDGET_MS);
  let wordsAdded = 0;
  let wordsRemoved = 0;
  const chapters: ComparedChapter[] = [];
  for (const pair of pairChapters(before.chapters, after.chapters)) {
    if (only !== undefined && pair.number !== only) continue;
    const oldText = pair.before ? textOf(pair.before) : "";
    const newText = pair.after ? textOf(pair.after) : "";
    const title = (pair.after ?? pair.before)!.title;
    const titleBefore = pair.before && pair.after && pair.before.title !== pair.after.title ? pair.before.title : null;
    const status = !pair.before
      ? "added"
      : !pair.after
        ? "removed"
        : oldText === newText && !titleBefore
          ? "unchanged"
          : "changed";
    const runs =
      oldText === newText
        ? newText
          ? [{ type: "same" as const, text: newText }]
          : []
        : diffRuns(oldText, newText, timeLeft());
    let added = 0;
    let removed = 0;
    for (const run of runs) {
      if (run.type === "added") added += countWords(run.text);
      else if (run.type === "removed") removed += countWords(run.text);
    }
    wordsAdded += added;
    wordsRemoved += removed;
    const entry: ComparedChapter = {
      number: pair.number,
      numberBefore: pair.numberBefore,
      chapterId: pair.after?.id ?? pair.before?.id ?? null,
      title,
      titleBefore,
      status,
      words: countWords(pair.after ? newText : oldText),
      wordsAdded: added,
      wordsRemoved: removed,
      runs: null,
      truncated: false,
    };
    if (only !== undefined) {
      // Asked for by itself: the whole text, bounded by the chapter's own size.
      entry.runs = runs;
    } else if (status !== "unchanged") {
      const collapsed = collapseRuns(runs);
      const size = collapsed.reduce((sum, run) => sum + ("text" in run ? run.text.length : 0), 0);
      if (size <= budget) {
        entry.runs = collapsed;
        budget -= size;
      } else {
        entry.truncated = true;
      }
    }
    chapters.push(entry);
  }
  return { chapters, wordsAdded, wordsRemoved, title: after.title, titleBefore: before.title };
}

const versionView = (revision: BookRevision) => ({
  id: revision.id,
  version: revision.version,
  name: revision.name,
  createdAt: revision.createdAt.toISOString(),
});

/**
 * Compares two revisions of a book of the organization, or one revision with the current text, chapter by
 * chapter (a word-level diff from the `diff` library). Unchanged chapters come back collapsed (title and
 * word count), long unchanged passages inside a changed chapter as `skip` runs, and the diff text of the
 * whole answer is bounded, so a 100,000-word book answers in kilobytes when little changed.
 */
export async function compareRevisions(
  ctx: Ctx,
  bookId: string,
  input: CompareRevisionsInput,
): Promise<RevisionComparison> {
  assertCan(ctx.actor, "revision:read");
  const query = compareRevisionsInput.parse(input);
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const ids = [query.from, ...(query.to === "current" ? [] : [query.to])];
  const rows = await ctx.db.bookRevision.findMany({ where: { bookId: book.id, id: { in: ids } } });
  const from = rows.find((r) => r.id === query.from);
  if (!from) throw new AppError("NOT_FOUND", "from: Revision not found", { field: "from" });
  let to: BookRevision | undefined;
  let after: VersionText;
  if (query.to === "current") {
    const chapters = await ctx.db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    after = { title: book.title.trim(), chapters: currentChapters(chapters) };
  } else {
    to = rows.find((r) => r.id === query.to);
    if (!to) throw new AppError("NOT_FOUND", "to: Revision not found", { field: "to" });
    after = revisionChapters(to.content, to.changes);
  }
  const compared = compareVersions(revisionChapters(from.content, from.changes), after, query.chapter);
  if (query.chapter !== undefined && compared.chapters.length === 0) {
    throw new AppError("NOT_FOUND", "chapter: This comparison has no such chapter", { field: "chapter" });
  }
  return {
    from: versionView(from),
    to: to ? versionView(to) : { id: null, version: null, name: null, createdAt: null },
    ...compared,
  };
}
