import "server-only";
import { type CorrectionPage, type CorrectionsQuery, correctionsQuerySchema } from "@/contracts/corrections";
import { Prisma } from "@/generated/prisma/client";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { bookCorrectionView, chapterCorrectionView } from "./correction-view";

const DEFAULT_LIMIT = 50;

type Key = { ord: number; start: number; id: string };

function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.ord, key.start, key.id])).toString("base64url");
}

function decodeCursor(cursor: string): Key {
  try {
    const [ord, start, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (Number.isInteger(ord) && Number.isInteger(start) && typeof id === "string" && id.length <= 64) {
      return { ord: ord as number, start: start as number, id };
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw new AppError("VALIDATION_FAILED", "cursor: This page cursor is not valid", { field: "cursor" });
}

/**
 * A book's findings (chapter and book level) in reading order: chapter order, then position in the
 * chapter, then id (book-wide findings without a chapter first); filters by chapter, type, severity and
 * status; keyset-paginated so the order stays stable while findings are resolved.
 */
export async function listCorrections(ctx: Ctx, bookId: string, query: CorrectionsQuery = {}): Promise<CorrectionPage> {
  assertCan(ctx.actor, "correction:read");
  const input = correctionsQuerySchema.parse(query);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const org = ctx.actor.organizationId;
  const filter = (alias: string) =>
    Prisma.sql`${input.chapterId ? Prisma.sql`AND ${Prisma.raw(alias)}."chapterId" = ${input.chapterId}` : Prisma.empty}
      ${input.type ? Prisma.sql`AND ${Prisma.raw(alias)}."type"::text = ${input.type}` : Prisma.empty}
      ${input.severity ? Prisma.sql`AND ${Prisma.raw(alias)}."severity"::text = ${input.severity}` : Prisma.empty}
      ${input.status ? Prisma.sql`AND ${Prisma.raw(alias)}."status"::text = ${input.status}` : Prisma.empty}`;
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await ctx.db.$queryRaw<{ scope: "CHAPTER" | "BOOK"; id: string; ord: number; start: number }[]>`
    SELECT * FROM (
      SELECT 'CHAPTER' AS "scope", cc."id", ch."order" AS "ord", COALESCE(cc."startOffset", -1) AS "start"
      FROM "ChapterCorrection" cc JOIN "Chapter" ch ON ch."id" = cc."chapterId"
      WHERE ch."bookId" = ${book.id} AND cc."organizationId" = ${org} ${filter("cc")}
      UNION ALL
      SELECT 'BOOK' AS "scope", bc."id", COALESCE(ch."order", -1) AS "ord", COALESCE(bc."startOffset", -1) AS "start"
      FROM "BookCorrection" bc LEFT JOIN "Chapter" ch ON ch."id" = bc."chapterId"
      WHERE bc."bookId" = ${book.id} AND bc."organizationId" = ${org} ${filter("bc")}
    ) AS t
    ${after ? Prisma.sql`WHERE ("ord", "start", "id") > (${after.ord}::int, ${after.start}::int, ${after.id})` : Prisma.empty}
    ORDER BY "ord", "start", "id"
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const resolvedBy = { select: { id: true, name: true } } as const;
  const chapterIds = page.filter((r) => r.scope === "CHAPTER").map((r) => r.id);
  const bookIds = page.filter((r) => r.scope === "BOOK").map((r) => r.id);
  const [chapterRows, bookRows] = await Promise.all([
    chapterIds.length > 0
      ? ctx.db.chapterCorrection.findMany({
          where: { id: { in: chapterIds } },
          include: { resolvedBy, author: resolvedBy },
        })
      : [],
    bookIds.length > 0
      ? ctx.db.bookCorrection.findMany({ where: { id: { in: bookIds } }, include: { resolvedBy } })
      : [],
  ]);
  const views = new Map([
    ...chapterRows.map((row) => [row.id, chapterCorrectionView(row, book.id)] as const),
    ...bookRows.map((row) => [row.id, bookCorrectionView(row)] as const),
  ]);
  const items = page.flatMap((r) => {
    const view = views.get(r.id);
    return view ? [view] : [];
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ ord: Number(last.ord), start: Number(last.start), id: last.id })
        : null,
  };
}
