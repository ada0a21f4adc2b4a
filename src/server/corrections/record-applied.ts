import "server-only";
import type { Book, BookRevision, Chapter } from "@/generated/prisma/client";
import { recordRevision, totalWords } from "@/server/books/record-revision";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import type { PlannedEdit } from "./apply-to-chapter";

/**
 * After suggestions were written into chapters (same transaction): marks those findings ACCEPTED by the
 * actor and records the next revision, whose `changes` lists the chapters and the correction ids (the
 * revision also re-assembles Book.content and marks the formats stale).
 */
export async function recordAppliedCorrections(
  tx: DbTx,
  ctx: Ctx,
  input: {
    book: Book;
    chaptersBefore: Chapter[];
    changed: { chapter: Chapter; wordsAfter: number }[];
    applied: PlannedEdit[];
  },
): Promise<BookRevision> {
  const now = new Date();
  const accepted = { status: "ACCEPTED" as const, resolvedById: ctx.actor.userId, resolvedAt: now };
  const ids = (scope: PlannedEdit["scope"]) => input.applied.filter((e) => e.scope === scope).map((e) => e.id);
  await tx.chapterCorrection.updateMany({ where: { id: { in: ids("CHAPTER") } }, data: accepted });
  await tx.bookCorrection.updateMany({ where: { id: { in: ids("BOOK") } }, data: accepted });
  const recorded = await recordRevision(tx, {
    book: input.book,
    authorId: ctx.actor.userId,
    wordsBefore: totalWords(input.chaptersBefore),
    changes: {
      kind: "corrections.applied",
      fields: [],
      corrections: input.applied.map((e) => e.id),
      chapters: input.changed.map(({ chapter, wordsAfter }) => ({
        id: chapter.id,
        order: chapter.order,
        title: chapter.title,
        fields: ["content"],
        wordsBefore: chapter.wordCount,
        wordsAfter,
        textBefore: chapter.content,
      })),
    },
  });
  return recorded.revision;
}
