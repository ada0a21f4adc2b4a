import "server-only";
import type { Correction } from "@/contracts/corrections";
import type { BookCorrection, ChapterCorrection } from "@/generated/prisma/client";
import { bookScope } from "@/server/auth/permissions";
import type { BookOwner } from "@/server/books/find-book";
import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { bookCorrectionView, chapterCorrectionView } from "./correction-view";

/** A finding of either table, with the book it belongs to. */
export type FoundCorrection =
  | { scope: "CHAPTER"; row: ChapterCorrection; bookId: string; chapterId: string }
  | { scope: "BOOK"; row: BookCorrection; bookId: string; chapterId: string | null };

/** The finding with this id in the organization (chapter or book level), or 404 — never another tenant's. */
export async function findCorrection(db: DbTx, owner: BookOwner, correctionId: string): Promise<FoundCorrection> {
  // A collaborator confined to one book reaches that book's findings only.
  const { organizationId, id: onlyBookId } = typeof owner === "string" ? { organizationId: owner } : bookScope(owner);
  const chapterRow = await db.chapterCorrection.findFirst({
    where: { id: correctionId, organizationId, ...(onlyBookId ? { chapter: { bookId: onlyBookId } } : {}) },
    include: { chapter: { select: { bookId: true } } },
  });
  if (chapterRow) {
    const { chapter, ...row } = chapterRow;
    return { scope: "CHAPTER", row, bookId: chapter.bookId, chapterId: row.chapterId };
  }
  const bookRow = await db.bookCorrection.findFirst({
    where: { id: correctionId, organizationId, ...(onlyBookId ? { bookId: onlyBookId } : {}) },
  });
  if (bookRow) return { scope: "BOOK", row: bookRow, bookId: bookRow.bookId, chapterId: bookRow.chapterId };
  throw notFound("Correction");
}

/** The wire view of a finding re-read with its resolver. */
export async function loadCorrectionView(
  db: DbTx,
  found: Pick<FoundCorrection, "scope" | "bookId"> & { id: string },
): Promise<Correction> {
  const resolvedBy = { select: { id: true, name: true } } as const;
  if (found.scope === "CHAPTER") {
    const row = await db.chapterCorrection.findUniqueOrThrow({
      where: { id: found.id },
      include: { resolvedBy, author: resolvedBy },
    });
    return chapterCorrectionView(row, found.bookId);
  }
  return bookCorrectionView(
    await db.bookCorrection.findUniqueOrThrow({ where: { id: found.id }, include: { resolvedBy } }),
  );
}
