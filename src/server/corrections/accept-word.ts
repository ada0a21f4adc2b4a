import "server-only";
import { variantForBook } from "@/checkers/checker";
import { type AcceptWordInput, type AcceptWordResult, acceptWordInputSchema } from "@/contracts/corrections";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";
import { dictionaryLanguage } from "./run-book-check";

export const WORD_ACCEPTED = "Added to the dictionary";

/**
 * "Add to dictionary" (scope ORGANIZATION: the organization's dictionary for the book's language; every OPEN
 * spelling finding of that word in the organization's books of that language becomes RESOLVED) or
 * "Ignore in this book" (scope BOOK: the book's ignore list, resolving the word's findings in that book).
 * Writers may do both (the matrix's correction:resolve). Later checks pass these words as accepted.
 */
export async function acceptWord(ctx: Ctx, bookId: string, input: AcceptWordInput): Promise<AcceptWordResult> {
  assertCan(ctx.actor, "correction:resolve");
  const data = acceptWordInputSchema.parse(input);
  const organizationId = ctx.actor.organizationId;
  return ctx.db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Book" WHERE "id" = ${bookId} AND "organizationId" = ${organizationId} FOR NO KEY UPDATE`;
    if (locked.length === 0) throw notFound("Book");
    const book = await tx.book.findUniqueOrThrow({ where: { id: bookId } });
    const language = dictionaryLanguage(variantForBook(book.language, book.languageVariant));
    const resolved = {
      status: "RESOLVED" as const,
      resolvedById: ctx.actor.userId,
      resolvedAt: new Date(),
      resolutionNote: WORD_ACCEPTED,
    };
    const sameWord = {
      organizationId,
      type: "SPELLING" as const,
      status: "OPEN" as const,
      original: { equals: data.word, mode: "insensitive" as const },
    };
    let count: number;
    if (data.scope === "ORGANIZATION") {
      await tx.organizationWord.upsert({
        where: { organizationId_language_word: { organizationId, language, word: data.word } },
        create: { organizationId, language, word: data.word, addedById: ctx.actor.userId },
        update: {},
      });
      const books = await tx.book.findMany({
        where: { organizationId },
        select: { id: true, language: true, languageVariant: true },
      });
      const sameLanguage = books
        .filter((b) => dictionaryLanguage(variantForBook(b.language, b.languageVariant)) === language)
        .map((b) => b.id);
      ({ count } = await tx.chapterCorrection.updateMany({
        where: { ...sameWord, chapter: { bookId: { in: sameLanguage } } },
        data: resolved,
      }));
    } else {
      if (!book.ignoredWords.includes(data.word)) {
        await tx.book.update({ where: { id: book.id }, data: { ignoredWords: { push: data.word } } });
      }
      ({ count } = await tx.chapterCorrection.updateMany({
        where: { ...sameWord, chapter: { bookId: book.id } },
        data: resolved,
      }));
    }
    await recordActivity(tx, {
      action: "dictionary.word_added",
      resource: "book",
      resourceId: book.id,
      organizationId,
      actorId: ctx.actor.userId,
      metadata: { word: data.word, scope: data.scope, language, resolved: count },
      ...ctx.meta,
    });
    return { resolved: count };
  });
}
