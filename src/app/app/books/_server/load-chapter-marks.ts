import "server-only";
import { cache } from "react";
import type { Comment } from "@/contracts/comments";
import type { Correction } from "@/contracts/corrections";
import { listComments } from "@/server/comments/list-comments";
import { listCorrections } from "@/server/corrections/list-corrections";
import { AppError } from "@/server/errors";
import { bookRequestContext } from "./load-book";

// As many as the reader's corrections list reads (corrections-context.tsx).
const PAGE_LIMIT = 200;
const MAX_PAGES = 20;

/**
 * The open findings and open comments of one chapter, read in-process as GET /api/books/:id/corrections and
 * /comments answer them to the reader, so the server can render the chapter with its marks already in place.
 * What this person may not read is an empty list (the reader's own lists would fail the same way).
 */
export const loadChapterMarks = cache(
  async (bookId: string, chapterId: string): Promise<{ findings: Correction[]; comments: Comment[] }> => {
    const ctx = await bookRequestContext(bookId);
    const refusedAsEmpty = <T>(error: unknown, empty: T): T => {
      if (error instanceof AppError && error.code === "FORBIDDEN") return empty;
      throw error;
    };
    const findings = async () => {
      const all: Correction[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await listCorrections(ctx, bookId, { chapterId, status: "OPEN", limit: PAGE_LIMIT, cursor });
        all.push(...result.items);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return all;
    };
    const [openFindings, openComments] = await Promise.all([
      findings().catch((error: unknown) => refusedAsEmpty<Correction[]>(error, [])),
      listComments(ctx, bookId, { chapterId, status: "OPEN" }).then(
        (list) => list.items,
        (error: unknown) => refusedAsEmpty<Comment[]>(error, []),
      ),
    ]);
    return { findings: openFindings, comments: openComments };
  },
);
