import "server-only";
import { variantForBook } from "@/checkers/checker";
import type { CorrectionsOverview } from "@/contracts/corrections";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { checkRunView } from "./correction-view";

const severities = ["INFO", "WARNING", "ERROR", "CRITICAL"] as const;
const types = ["SPELLING", "GRAMMAR", "STYLE", "COHERENCE", "STRUCTURE"] as const;

/** The corrections panel's header: the latest check run, open findings by severity and type, the variant. */
export async function getCorrectionsOverview(ctx: Ctx, bookId: string): Promise<CorrectionsOverview> {
  assertCan(ctx.actor, "correction:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const where = { bookId: book.id, organizationId: book.organizationId, status: "OPEN" as const };
  const [latestRun, chapterRows, bookRows] = await Promise.all([
    ctx.db.bookCheckRun.findFirst({ where: { bookId: book.id }, orderBy: { createdAt: "desc" } }),
    ctx.db.chapterCorrection.groupBy({ by: ["severity", "type"], where, _count: { _all: true } }),
    ctx.db.bookCorrection.groupBy({ by: ["severity", "type"], where, _count: { _all: true } }),
  ]);
  const rows = [...chapterRows, ...bookRows];
  const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<(typeof severities)[number], number>;
  const byType = Object.fromEntries(types.map((t) => [t, 0])) as Record<(typeof types)[number], number>;
  for (const row of rows) {
    bySeverity[row.severity] += row._count._all;
    byType[row.type] += row._count._all;
  }
  return {
    latestRun: latestRun ? checkRunView(latestRun) : null,
    counts: { open: rows.reduce((sum, r) => sum + r._count._all, 0), bySeverity, byType },
    variant: variantForBook(book.language, book.languageVariant),
  };
}
