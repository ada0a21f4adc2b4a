import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createOrgWithMember } from "../../../tests/helpers/books";
import type { Ctx } from "../context";
import { bookView } from "./book-view";
import { apiSql } from "../public-api/api-sql";
import { listBooks, type RowReader } from "./list-books";

type Input = Parameters<typeof listBooks>[1] & object;

/**
 * The reference: listBooks as it was written with Prisma's query builder (before it became one SQL
 * statement). The single statement must return exactly what this returns for the organization's own data.
 */
async function reference(ctx: Ctx, input: { cursor?: string; limit: number; status?: Input["status"] }) {
  const rows = await ctx.db.book.findMany({
    where: { organizationId: ctx.actor.organizationId, ...(input.status ? { status: input.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    include: {
      jobs: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, progress: true, errorCode: true, updatedAt: true },
      },
      _count: { select: { chapters: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ jobs, _count, ...book }) => ({
      ...bookView(book),
      chapterCount: _count.chapters,
      job: jobs[0] ?? null,
    })),
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

describe("listBooks (one SQL statement) returns what the Prisma query returned", () => {
  let ctx: Ctx;
  let otherCtx: Ctx;
  let otherBookId: string;
  const statuses = ["DRAFT", "GENERATING", "COMPLETED", "FAILED", "ARCHIVED"] as const;

  beforeAll(async () => {
    ({ ctx } = await createOrgWithMember("list-sql"));
    ({ ctx: otherCtx } = await createOrgWithMember("list-sql-other"));
    const t0 = Date.now() - 3_600_000;
    // 13 books: two share a creation instant (the id breaks the tie), contents null / empty / text, 0–3
    // chapters, 0–2 jobs (the latest one wins), several statuses and engines.
    for (let i = 0; i < 13; i++) {
      const book = await db().book.create({
        data: {
          organizationId: ctx.actor.organizationId,
          createdById: i % 4 === 0 ? null : ctx.actor.userId,
          title: `Book ${i}`,
          topic: "Keyset pagination",
          goal: "Compare",
          audience: i % 2 ? "Engineers" : null,
          tone: i % 3 ? null : "Dry",
          language: i % 2 ? "fr" : "en",
          targetChapters: i % 5 ? 3 : null,
          targetWords: i % 5 ? 900 : null,
          engine: i % 3 === 0 ? "demo" : "openai",
          isDemoContent: i % 3 === 0,
          status: statuses[i % statuses.length],
          content: [null, "", "# Text\n\nBody."][i % 3],
          createdAt: new Date(t0 + (i === 7 ? 6 : i) * 1000),
          chapters: { create: Array.from({ length: i % 4 }, (_, n) => ({ order: n + 1, title: `Ch ${n + 1}` })) },
        },
      });
      for (let j = 0; j < i % 3; j++) {
        await db().bookJob.create({
          data: {
            bookId: book.id,
            organizationId: ctx.actor.organizationId,
            status: j === 0 ? "FAILED" : "COMPLETED",
            progress: j === 0 ? 40 : 100,
            errorCode: j === 0 ? "ENGINE_ERROR" : null,
            createdAt: new Date(t0 + i * 1000 + j * 100),
          },
        });
      }
    }
    const other = await db().book.create({
      data: {
        organizationId: otherCtx.actor.organizationId,
        title: "Someone else's",
        topic: "Secret",
        goal: "Secret",
        createdAt: new Date(t0 + 5_500),
      },
    });
    otherBookId = other.id;
  });

  // The default reader (the context's Prisma client) and the public API's pg pool must read the same.
  const readers: [string, () => RowReader | undefined][] = [
    ["Prisma", () => undefined],
    ["the API's pg pool", () => apiSql()],
  ];

  it.each(readers)(
    "walks every page, with and without a status filter, like the Prisma query (%s)",
    async (_, reader) => {
      for (const status of [undefined, ...statuses]) {
        for (const limit of [1, 2, 5, 20]) {
          let cursor: string | undefined;
          let pages = 0;
          do {
            const got = await listBooks(ctx, { limit, status, cursor }, reader());
            expect(got).toEqual(await reference(ctx, { limit, status, cursor }));
            cursor = got.nextCursor ?? undefined;
            pages++;
          } while (cursor && pages < 20);
          expect(cursor).toBeUndefined();
        }
      }
      const all = await listBooks(ctx, { limit: 100 });
      expect(all.items).toHaveLength(13);
      expect(all.items.map((b) => b.hasContent)).toContain(true);
      expect(all.items.filter((b) => b.job !== null).length).toBeGreaterThan(0);
    },
  );

  it("reads timestamps as UTC whatever the process's time zone (pg's default parser would not)", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Auckland";
    try {
      expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0);
      expect(await listBooks(ctx, { limit: 100 }, apiSql())).toEqual(await reference(ctx, { limit: 100 }));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("latest job, chapter count and content flag are the book's own", async () => {
    const { items } = await listBooks(ctx, { limit: 100 });
    for (const item of items) {
      const book = await db().book.findUniqueOrThrow({ where: { id: item.id }, include: { chapters: true } });
      expect(item.chapterCount).toBe(book.chapters.length);
      expect(item.hasContent).toBe(Boolean(book.content));
      const latest = await db().bookJob.findFirst({ where: { bookId: item.id }, orderBy: { createdAt: "desc" } });
      expect(item.job?.id ?? null).toBe(latest?.id ?? null);
    }
  });

  it("an unknown or another organization's cursor gives an empty page, and leaks nothing", async () => {
    for (const cursor of ["does-not-exist", otherBookId]) {
      expect(await listBooks(ctx, { cursor })).toEqual({ items: [], nextCursor: null });
      expect(await listBooks(ctx, { cursor }, apiSql())).toEqual({ items: [], nextCursor: null });
    }
    const theirs = await listBooks(otherCtx, {});
    expect(theirs.items.map((b) => b.id)).toEqual([otherBookId]);
    expect(JSON.stringify(await listBooks(ctx, { limit: 100 }))).not.toContain(otherBookId);
  });
});
