import "server-only";
import type { FormatType } from "@/generated/prisma/enums";
import type { DownloadCounts } from "@/contracts/books";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { findOrgBook } from "./find-org-book";
import { BOOK_FORMATS } from "./format-files";

export const DOWNLOAD_HISTORY_DAYS = 30;

const zeroByFormat = () => Object.fromEntries(BOOK_FORMATS.map((f) => [f, 0])) as Record<FormatType, number>;

/** Download counts of a book: all-time per format, and per UTC day over the last 30 days (any role). */
export async function countDownloads(ctx: Ctx, bookId: string, now = new Date()): Promise<DownloadCounts> {
  assertCan(ctx.actor, "book:read");
  const book = await findOrgBook(ctx.db, ctx.actor, bookId);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (DOWNLOAD_HISTORY_DAYS - 1) * 86_400_000);
  const [perFormat, perDay] = await Promise.all([
    ctx.db.bookDownload.groupBy({
      by: ["format"],
      where: { bookId: book.id, organizationId: book.organizationId },
      _count: { _all: true },
    }),
    // downloadedAt is stored as UTC without a zone, so its date is the UTC day.
    ctx.db.$queryRaw<{ day: string; count: number }[]>`
      SELECT to_char("downloadedAt", 'YYYY-MM-DD') AS day, count(*)::int AS count
      FROM "BookDownload"
      WHERE "bookId" = ${book.id} AND "organizationId" = ${book.organizationId} AND "downloadedAt" >= ${since}
      GROUP BY 1`,
  ]);
  const byFormat = zeroByFormat();
  for (const row of perFormat) byFormat[row.format] = row._count._all;
  const countByDay = new Map(perDay.map((r) => [r.day, r.count]));
  const byDay = Array.from({ length: DOWNLOAD_HISTORY_DAYS }, (_, i) => {
    const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { date, count: countByDay.get(date) ?? 0 };
  });
  const total = Object.values(byFormat).reduce((a, b) => a + b, 0);
  return { bookId: book.id, total, byFormat, byDay };
}
