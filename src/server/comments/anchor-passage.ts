import "server-only";
import type { DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { contextAround } from "@/server/corrections/fingerprint";

/**
 * The chapter of this book and the passage [startOffset, endOffset) of its Markdown, checked to still read
 * `quote` (404 for a chapter of another book; 409 CONFLICT on `quote` when the text changed meanwhile, so the
 * reader reloads instead of anchoring to the wrong words), with the context kept to re-anchor it later.
 */
export async function anchorPassage(
  db: DbTx,
  bookId: string,
  passage: { chapterId: string; startOffset: number; endOffset: number; quote: string },
) {
  const chapter = await db.chapter.findFirst({
    where: { id: passage.chapterId, bookId },
    select: { id: true, content: true },
  });
  if (!chapter) throw notFound("Chapter");
  if (chapter.content.slice(passage.startOffset, passage.endOffset) !== passage.quote) {
    throw new AppError("CONFLICT", "quote: The chapter no longer reads this passage; reload it and select again", {
      field: "quote",
    });
  }
  const context = contextAround(chapter.content, passage.startOffset, passage.endOffset);
  return { chapter, contextBefore: context.before, contextAfter: context.after };
}
