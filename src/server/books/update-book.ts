import { z } from "zod";
import type { Book } from "@/generated/prisma/client";
import { bookLanguages } from "@/engines/writing-engine";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { markFormatsStale } from "@/server/formats/mark-formats-stale";
import { bookView } from "./book-view";
import { revisionView } from "./list-revisions";
import { lockEditableBook } from "./lock-editable-book";
import { editTransactionOptions, recordRevision, totalWords, withEditRetry } from "./record-revision";

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** A title printed as a Markdown heading: one line, or it would split the book. */
export const headingTitle = z
  .string("Enter a title")
  .trim()
  .min(1, "Enter a title")
  .max(200, "Use at most 200 characters")
  .refine((v) => !/[\r\n]/.test(v), "Keep the title on one line");

/** The updatedAt the client last read; a different current value means someone else edited meanwhile. */
export const expectedUpdatedAt = z.union(
  [
    z.date(),
    z
      .string()
      .datetime({ offset: true })
      .transform((v) => new Date(v)),
  ],
  "Send the updatedAt you last read, as an ISO 8601 date",
);

export const updateBookInput = z
  .object({
    title: headingTitle.optional(),
    topic: z
      .string("Describe the topic in a few words")
      .trim()
      .min(3, "Describe the topic in a few words")
      .max(2000, "Use at most 2000 characters")
      .optional(),
    goal: z
      .string("Say what the reader should get from it")
      .trim()
      .min(3, "Say what the reader should get from it")
      .max(2000, "Use at most 2000 characters")
      .optional(),
    audience: z
      .preprocess(
        blankToNull,
        z.string("Describe the audience").trim().max(500, "Use at most 500 characters").nullable(),
      )
      .optional(),
    tone: z
      .preprocess(blankToNull, z.string("Describe the tone").trim().max(200, "Use at most 200 characters").nullable())
      .optional(),
    language: z.enum(bookLanguages, "Choose English (en) or French (fr)").optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
  })
  .refine(
    (v) => [v.title, v.topic, v.goal, v.audience, v.tone, v.language].some((field) => field !== undefined),
    "Send at least one of title, topic, goal, audience, tone, language",
  );
export type UpdateBookInput = z.input<typeof updateBookInput>;

const metadataFields = ["title", "topic", "goal", "audience", "tone", "language"] as const;

/** A book as edit answers return it: the usual view plus whether its rendered formats are out of date. */
export function bookEditView(book: Book) {
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
export async function updateBook(ctx: Ctx, bookId: string, input: UpdateBookInput) {
  assertCan(ctx.actor, "book:update");
  const data = updateBookInput.parse(input);
  return withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, bookId, { requireContent: false });
      assertNotStale(data.expectedUpdatedAt, book.updatedAt, { book: bookEditView(book) }, "book");
      const changed = metadataFields.filter((field) => data[field] !== undefined && data[field] !== book[field]);
      if (changed.length === 0) return { book: bookEditView(book), revision: null, changed };
      const patch = Object.fromEntries(changed.map((field) => [field, data[field]]));
      let saved = await tx.book.update({ where: { id: book.id }, data: patch });
      let revision = null;
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
