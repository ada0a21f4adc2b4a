import "server-only";
import { type UpdateBookInput, updateBookInput } from "@/contracts/book-inputs";
import type { BookUpdateResult, EditedBook, Revision } from "@/contracts/books";
import type { Book } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { markFormatsStale } from "@/server/formats/mark-formats-stale";
import { bookView } from "./book-view";
import { revisionView } from "./list-revisions";
import { lockEditableBook } from "./lock-editable-book";
import { editTransactionOptions, recordRevision, totalWords, withEditRetry } from "./record-revision";

const metadataFields = ["title", "topic", "goal", "audience", "tone", "language", "languageVariant"] as const;

/** A book as edit answers return it: the usual view plus whether its rendered formats are out of date. */
export function bookEditView(book: Book): EditedBook {
  return { ...bookView(book), formatsStale: book.formatsStale };
}

/** Throws 409 EDIT_CONFLICT, carrying the current state, when the client's copy is out of date. */
export function assertNotStale(
  expected: Date | undefined,
  actual: Date,
  current: Record<string, unknown>,
  what: string,
): void {
  if (expected && expected.getTime() !== actual.getTime()) {
    throw new AppError(
      "EDIT_CONFLICT",
      `This ${what} was changed since you opened it; reload it and apply your changes again`,
      { field: "expectedUpdatedAt", details: { current } },
    );
  }
}

/**
 * Updates a book's metadata (writers; not while it is being generated). A new title re-assembles
 * Book.content (its `# Title` line) and records a revision; a new title or language marks the rendered
 * formats stale (file names and typography depend on them). Logs `book.updated`, all in one transaction.
 */
export async function updateBook(ctx: Ctx, bookId: string, input: UpdateBookInput): Promise<BookUpdateResult> {
  assertCan(ctx.actor, "book:update");
  const data = updateBookInput.parse(input);
  return withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, bookId, { requireContent: false });
      assertNotStale(data.expectedUpdatedAt, book.updatedAt, { book: bookEditView(book) }, "book");
      const changed = metadataFields.filter((field) => data[field] !== undefined && data[field] !== book[field]);
      if (changed.length === 0) return { book: bookEditView(book), revision: null, changed };
      const patch: Record<string, unknown> = Object.fromEntries(changed.map((field) => [field, data[field]]));
      // The variant belongs to the language: a variant of the other language is refused, and a new language
      // drops a variant of the old one (its default variant applies).
      const language = (patch.language as string | undefined) ?? book.language;
      const variant = data.languageVariant !== undefined ? data.languageVariant : book.languageVariant;
      if (variant && !variant.startsWith(language)) {
        if (data.languageVariant) {
          throw new AppError("VALIDATION_FAILED", "languageVariant: validation.book.languageVariant", {
            field: "languageVariant",
          });
        }
        patch.languageVariant = null;
      }
      let saved = await tx.book.update({ where: { id: book.id }, data: patch });
      let revision: Revision | null = null;
      if (changed.includes("title") && book.content) {
        const chapters = await tx.chapter.findMany({ where: { bookId: book.id }, select: { wordCount: true } });
        const recorded = await recordRevision(tx, {
          book: saved,
          authorId: ctx.actor.userId,
          wordsBefore: totalWords(chapters),
          changes: { kind: "book.updated", chapters: [], fields: changed },
        });
        saved = recorded.book;
        revision = revisionView(recorded.revision);
      } else if (changed.includes("language") || changed.includes("title")) {
        await markFormatsStale(tx, book);
        saved = await tx.book.findUniqueOrThrow({ where: { id: book.id } });
      }
      await recordActivity(tx, {
        action: "book.updated",
        resource: "book",
        resourceId: book.id,
        organizationId: ctx.actor.organizationId,
        actorId: ctx.actor.userId,
        metadata: {
          fields: changed,
          before: Object.fromEntries(changed.map((field) => [field, book[field]])),
          version: revision?.version ?? null,
        },
        ...ctx.meta,
      });
      return { book: bookEditView(saved), revision, changed };
    }, editTransactionOptions),
  );
}
