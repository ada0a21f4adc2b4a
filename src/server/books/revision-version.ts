import "server-only";
import type { DbTx } from "@/server/db/client";

// A book's version numbers (the design's form): 1.0 for the generated book, 1.1, 1.2 … for each edit, and
// the next major (2.0, 3.0 …) each time the book is generated again.

/** The version a book's first generation records. */
export const FIRST_REVISION = "1.0";

const versionPattern = /^(\d+)\.(\d+)$/;

/** The next minor version after `latest` ("1.0" → "1.1", "1.9" → "1.10"); "1.1" when none is known. */
export function nextMinorVersion(latest: string | null): string {
  const match = versionPattern.exec(latest ?? FIRST_REVISION);
  if (!match) return nextMinorVersion(FIRST_REVISION);
  return `${Number(match[1])}.${Number(match[2]) + 1}`;
}

/** The version a generation records after `latest`: "1.0" for the first, then "2.0", "3.0" … ("1.7" → "2.0"). */
export function nextMajorVersion(latest: string | null): string {
  const match = latest ? versionPattern.exec(latest) : null;
  if (!match) return FIRST_REVISION;
  return `${Number(match[1]) + 1}.0`;
}

/** The highest version of a book compared numerically ("1.10" is after "1.9"), or null when it has none. */
export async function latestRevisionVersion(tx: DbTx, bookId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ version: string }[]>`
    SELECT "version" FROM "BookRevision"
    WHERE "bookId" = ${bookId} AND "version" ~ '^[0-9]+[.][0-9]+$'
    ORDER BY split_part("version", '.', 1)::int DESC, split_part("version", '.', 2)::int DESC
    LIMIT 1`;
  return rows[0]?.version ?? null;
}
