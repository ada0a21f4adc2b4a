import "server-only";
import type { BookFinding, CheckContext, Finding } from "@/checkers/checker";
import { findBookNames } from "@/checkers/book-names";
import { variantForBook } from "@/checkers/checker";
import { runChapterChecks } from "@/checkers/registry";
import type { BookCheckRun } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { type CheckerSource, checkersForBook } from "./checkers-for-book";
import { contentHash } from "./fingerprint";
import { finishCheckRun } from "./finish-check-run";
import { lockBookChecks } from "./request-book-check";
import { storeBookFindings, storeChapterFindings } from "./store-findings";

export interface BookCheckDeps {
  db: Db;
  log?: (message: string) => void;
  /** Which checkers to run (tests pass deterministic ones). */
  checkers?: CheckerSource;
  /** How often a running check looks for a cancel request (default 1 s). */
  cancelPollMs?: number;
}

/** A RUNNING run not touched for this long belongs to a worker that died: another may take it over. */
const STALE_RUN_MS = 10 * 60_000;

/** The language of the organization dictionary a variant reads ("en-GB" → "en"). */
export const dictionaryLanguage = (variant: string) => variant.slice(0, 2);

/**
 * Works the pending check runs of a book, oldest first, until none is left. Answers "busy" when another
 * worker is running this book's check (the job is retried later), "done" otherwise.
 */
export async function processBookChecks(deps: BookCheckDeps, bookId: string): Promise<"done" | "busy"> {
  for (;;) {
    const claimed = await claimNextRun(deps.db, bookId);
    if (claimed === "busy") return "busy";
    if (!claimed) return "done";
    await executeRun(deps, claimed);
  }
}

async function claimNextRun(db: Db, bookId: string): Promise<BookCheckRun | "busy" | null> {
  return db.$transaction(async (tx) => {
    await lockBookChecks(tx, bookId);
    const running = await tx.bookCheckRun.findFirst({ where: { bookId, status: "RUNNING" } });
    if (running && running.updatedAt.getTime() > Date.now() - STALE_RUN_MS) return "busy";
    if (running) {
      await tx.bookCheckRun.update({
        where: { id: running.id },
        data: { status: "FAILED", error: "The worker running this check stopped", finishedAt: new Date() },
      });
    }
    const next = await tx.bookCheckRun.findFirst({
      where: { bookId, status: "PENDING" },
      orderBy: { createdAt: "asc" },
    });
    if (!next) return null;
    return tx.bookCheckRun.update({ where: { id: next.id }, data: { status: "RUNNING", startedAt: new Date() } });
  });
}

class CheckCancelled extends Error {}

async function executeRun(deps: BookCheckDeps, run: BookCheckRun): Promise<void> {
  const { db } = deps;
  const abort = new AbortController();
  const cancelled = async () => {
    const row = await db.bookCheckRun.findUnique({ where: { id: run.id }, select: { cancelRequestedAt: true } });
    if (!row || row.cancelRequestedAt) abort.abort();
    return abort.signal.aborted;
  };
  // A long chapter check is interrupted too: checkers receive the signal.
  const watcher = setInterval(() => void cancelled().catch(() => {}), deps.cancelPollMs ?? 1000);
  let created = 0;
  const skipped: string[] = [];
  try {
    const book = await db.book.findUnique({ where: { id: run.bookId } });
    if (!book) return;
    const variant = variantForBook(book.language, book.languageVariant);
    const words = await db.organizationWord.findMany({
      where: { organizationId: book.organizationId, language: dictionaryLanguage(variant) },
      select: { word: true },
    });
    const chapters = await db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    const wanted = new Set(run.chapterIds);
    const toCheck = chapters.filter(
      (c) => run.full || ((wanted.size === 0 || wanted.has(c.id)) && contentHash(c.content) !== c.checkedHash),
    );
    const thorough = run.full && (run.trigger === "GENERATION" || run.trigger === "MANUAL");
    const organization = await db.organization.findUniqueOrThrow({
      where: { id: book.organizationId },
      select: { id: true, engineSettings: true, engineSecretEncrypted: true },
    });
    const { chapterCheckers, bookCheckers } = await (deps.checkers ?? checkersForBook)({
      variant,
      engine: book.engine,
      thorough,
      organization,
    });
    const context: CheckContext = {
      variant,
      acceptedWords: new Set([...words.map((w) => w.word), ...book.ignoredWords]),
      bookNames: await findBookNames(
        chapters.map((c) => c.content),
        variant,
      ),
      signal: abort.signal,
    };
    await db.bookCheckRun.update({ where: { id: run.id }, data: { chaptersTotal: toCheck.length } });

    for (const [index, chapter] of toCheck.entries()) {
      if (await cancelled()) throw new CheckCancelled();
      let findings: Finding[];
      try {
        // Valid, de-duplicated findings (one checker's echo of another's is dropped), in reading order.
        findings = await runChapterChecks(chapter.content, context, chapterCheckers);
      } catch (error) {
        if (abort.signal.aborted) throw new CheckCancelled();
        throw error;
      }
      if (abort.signal.aborted) throw new CheckCancelled();
      created += await db.$transaction(async (tx) => {
        // Stored only if the text is still what was checked; an edit made meanwhile has its own run coming.
        const current = await tx.$queryRaw<{ content: string }[]>`
          SELECT "content" FROM "Chapter" WHERE "id" = ${chapter.id} FOR UPDATE`;
        if (current[0]?.content !== chapter.content) return 0;
        const added = await storeChapterFindings(
          tx,
          { id: chapter.id, bookId: book.id, organizationId: book.organizationId, content: chapter.content },
          findings,
        );
        // Raw SQL, not `chapter.update`: Prisma's @updatedAt would move `updatedAt`, the token the chapter
        // editor saves against, and an author who opened the editor while this check ran would get a false
        // EDIT_CONFLICT. Recording that a text was checked is not an edit of that text.
        await tx.$executeRaw`
          UPDATE "Chapter" SET "checkedHash" = ${contentHash(chapter.content)}, "checkedAt" = ${new Date()}
          WHERE "id" = ${chapter.id}`;
        return added;
      });
      const done = index + 1;
      await db.bookCheckRun.update({
        where: { id: run.id },
        data: { chaptersDone: done, progress: Math.floor((done / Math.max(1, toCheck.length)) * 90) },
      });
    }

    if (bookCheckers.length > 0) {
      if (await cancelled()) throw new CheckCancelled();
      const fresh = await db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      const input = {
        title: book.title,
        variant,
        signal: abort.signal,
        chapters: fresh.map((c) => ({
          id: c.id,
          order: c.order,
          title: c.title,
          markdown: c.content,
          synopsis: c.synopsis,
          wordBudget: c.wordBudget,
        })),
      };
      const findings: BookFinding[] = [];
      const answered: string[] = [];
      for (const checker of bookCheckers) {
        try {
          findings.push(...(await checker.check(input)));
          answered.push(checker.id);
        } catch (error) {
          if (abort.signal.aborted) throw new CheckCancelled();
          // A book checker that cannot answer (a crew or model that fails, times out or answers nonsense)
          // does not sink the others: the run completes with what it has and says what was skipped. Its
          // earlier findings are left as they are, since it was not asked this time.
          const message = error instanceof Error ? error.message : String(error);
          skipped.push(`${checker.id}: ${message}`);
          deps.log?.(`book.check ${book.id}: the ${checker.id} pass failed: ${message}`);
        }
      }
      if (abort.signal.aborted) throw new CheckCancelled();
      created += await db.$transaction((tx) =>
        storeBookFindings(tx, book, new Map(fresh.map((c) => [c.id, c.content])), answered, findings),
      );
    }
    await finishCheckRun(db, run, {
      status: "COMPLETED",
      created,
      ...(skipped.length ? { error: `Skipped: ${skipped.join("; ")}`.slice(0, 1000) } : {}),
    });
    deps.log?.(`book.check ${book.id}: ${toCheck.length} chapter(s) checked, ${created} new finding(s)`);
  } catch (error) {
    if (error instanceof CheckCancelled || abort.signal.aborted) {
      await finishCheckRun(db, run, { status: "CANCELLED", created });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    deps.log?.(`book.check ${run.bookId}: failed: ${message}`);
    await finishCheckRun(db, run, { status: "FAILED", created, error: message.slice(0, 1000) });
  } finally {
    clearInterval(watcher);
  }
}
