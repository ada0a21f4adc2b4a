import { z } from "zod";
import { assertCan } from "../auth/permissions";
import type { Ctx } from "../context";
import { bookView } from "./book-view";

export const listBooksInput = z.object({
  cursor: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(["DRAFT", "GENERATING", "COMPLETED", "FAILED", "ARCHIVED"]).optional(),
});

/** The organization's books, newest first, each with the state of its latest job; cursor-paginated. */
export async function listBooks(ctx: Ctx, input: z.input<typeof listBooksInput> = {}) {
  assertCan(ctx.actor, "book:read");
  const { cursor, limit, status } = listBooksInput.parse(input);
  const rows = await ctx.db.book.findMany({
    where: { organizationId: ctx.actor.organizationId, ...(status ? { status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: {
      jobs: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, progress: true, errorCode: true, updatedAt: true },
      },
      _count: { select: { chapters: true } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(({ jobs, _count, ...book }) => ({
      ...bookView(book),
      chapterCount: _count.chapters,
      job: jobs[0] ?? null,
    })),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
