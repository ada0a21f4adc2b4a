import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createOrgWithMember } from "../../../tests/helpers/books";
import type { Ctx } from "@/server/context";
import { bookView } from "./book-view";
import { apiSql } from "@/server/public-api/api-sql";
import { containsPattern, listBooks, type RowReader } from "./list-books";

type Input = Parameters<typeof listBooks>[1] & object;

/**
 * The reference: listBooks as it was written with Prisma's query builder (before it became one SQL
 * statement). The single statement must return exactly what this returns for the organization's own data.
 */
async function reference(ctx: Ctx, input: { cursor?: string; limit: number; status?: Input["status"]; q?: string }) {
  // Only wildcard-free searches are compared with it (whether Prisma escapes `%` in `contains` is its business).
  const contains = { contains: input.q ?? "", mode: "insensitive" as const };
  const rows = await ctx.db.book.findMany({
    where: {
      organizationId: ctx.actor.organizationId,
      ...(input.status ? { status: input.status } : {}),
      ...(input.q ? { OR: [{ title: contains }, { topic: contains }] } : {}),
    },
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
      // The view answers the wire shape: the job summary's updatedAt as ISO text, like the book's dates.
      job: jobs[0] ? { ...jobs[0], updatedAt: jobs[0].updatedAt.toISOString() } : null,
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
    "walks every page, with and without status and search filters, like the Prisma query (%s)",
    async (_, reader) => {
      // "book 1" matches titles Book 1, 10, 11, 12; "KEYSET" every topic; "Book 7" one book; "zebra" none.
      for (const q of [undefined, "book 1", "KEYSET", "Book 7", "zebra"]) {
        for (const status of [undefined, ...statuses]) {
          for (const limit of [1, 2, 5, 20]) {
            let cursor: string | undefined;
            let pages = 0;
            do {
              const got = await listBooks(ctx, { limit, status, cursor, q }, reader());
              expect(got).toEqual(await reference(ctx, { limit, status, cursor, q }));
              cursor = got.nextCursor ?? undefined;
              pages++;
            } while (cursor && pages < 20);
            expect(cursor).toBeUndefined();
          }
        }
      }
      expect((await listBooks(ctx, { limit: 100, q: "book 1" }, reader())).items).toHaveLength(4);
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

describe("listBooks search (q): title or topic, case-insensitive, literal, inside the organization", () => {
  let ctx: Ctx;
  let otherCtx: Ctx;
  let otherBookId: string;
  const ids = new Map<string, string>();

  // Oldest first; the list answers newest first.
  const shelf = [
    { title: "100% Rye", topic: "Baking bread", status: "COMPLETED" },
    { title: "1000 Loaves", topic: "Baking at scale", status: "COMPLETED" },
    { title: "a_b", topic: "Underscores", status: "DRAFT" },
    { title: "aXb", topic: "Letters", status: "DRAFT" },
    { title: "Back\\slash", topic: "Escapes", status: "FAILED" },
    { title: "The Balcony", topic: "Urban GARDENING on balconies", status: "COMPLETED" },
    { title: "Garden Paths", topic: "Walking", status: "DRAFT" },
    { title: "Gardens of Stone", topic: "Sculpture", status: "COMPLETED" },
  ] as const;

  beforeAll(async () => {
    ({ ctx } = await createOrgWithMember("list-search"));
    ({ ctx: otherCtx } = await createOrgWithMember("list-search-other"));
    const t0 = Date.now() - 3_600_000;
    for (const [i, book] of shelf.entries()) {
      const row = await db().book.create({
        data: {
          organizationId: ctx.actor.organizationId,
          ...book,
          goal: "Find me",
          createdAt: new Date(t0 + i * 1000),
        },
      });
      ids.set(book.title, row.id);
    }
    const other = await db().book.create({
      data: {
        organizationId: otherCtx.actor.organizationId,
        title: "Secret Garden 100% a_b",
        topic: "Gardening",
        goal: "Stay hidden",
        status: "COMPLETED",
        createdAt: new Date(t0 + 4_500),
      },
    });
    otherBookId = other.id;
  });

  const readers: [string, () => RowReader | undefined][] = [
    ["Prisma", () => undefined],
    ["the API's pg pool", () => apiSql()],
  ];
  const titles = async (input: Input, reader?: RowReader) =>
    (await listBooks(ctx, { limit: 100, ...input }, reader)).items.map((b) => b.title);

  it.each(readers)("matches the title or the topic, whatever the case (%s)", async (_, reader) => {
    expect(await titles({ q: "garden" }, reader())).toEqual(["Gardens of Stone", "Garden Paths", "The Balcony"]);
    expect(await titles({ q: "GARDENING" }, reader())).toEqual(["The Balcony"]);
    expect(await titles({ q: "baking" }, reader())).toEqual(["1000 Loaves", "100% Rye"]);
    expect(await titles({ q: "rYe" }, reader())).toEqual(["100% Rye"]);
    expect(await titles({ q: "no such book" }, reader())).toEqual([]);
  });

  it.each(readers)("treats %%, _ and \\ as plain characters (%s)", async (_, reader) => {
    expect(await titles({ q: "100%" }, reader())).toEqual(["100% Rye"]);
    expect(await titles({ q: "%" }, reader())).toEqual(["100% Rye"]);
    expect(await titles({ q: "a%b" }, reader())).toEqual([]);
    expect(await titles({ q: "a_b" }, reader())).toEqual(["a_b"]);
    expect(await titles({ q: "_" }, reader())).toEqual(["a_b"]);
    expect(await titles({ q: "\\" }, reader())).toEqual(["Back\\slash"]);
    expect(await titles({ q: "k\\s" }, reader())).toEqual(["Back\\slash"]);
  });

  it.each(readers)("trims the text; a blank search lists everything (%s)", async (_, reader) => {
    expect(await titles({ q: "  rye \n" }, reader())).toEqual(["100% Rye"]);
    expect(await titles({ q: "   " }, reader())).toHaveLength(shelf.length);
    expect(await titles({ q: "" }, reader())).toHaveLength(shelf.length);
  });

  it.each(readers)("combines with the status filter and the cursor (%s)", async (_, reader) => {
    const first = await listBooks(ctx, { q: "garden", status: "COMPLETED", limit: 1 }, reader());
    expect(first.items.map((b) => b.title)).toEqual(["Gardens of Stone"]);
    expect(first.nextCursor).toBe(ids.get("Gardens of Stone"));
    const second = await listBooks(
      ctx,
      { q: "garden", status: "COMPLETED", limit: 1, cursor: first.nextCursor ?? "" },
      reader(),
    );
    expect(second.items.map((b) => b.title)).toEqual(["The Balcony"]);
    expect(second.nextCursor).toBeNull();
    // The cursor only positions the page: a book that does not match the search can still be one.
    const afterDraft = await listBooks(ctx, { q: "b", cursor: ids.get("Garden Paths") }, reader());
    expect(afterDraft.items.map((b) => b.title)).toEqual([
      "The Balcony",
      "Back\\slash",
      "aXb",
      "a_b",
      "1000 Loaves",
      "100% Rye",
    ]);
  });

  it.each(readers)("never finds another organization's books (%s)", async (_, reader) => {
    for (const q of ["Secret", "garden", "100%", "a_b", "Stay hidden"]) {
      const page = await listBooks(ctx, { q, limit: 100 }, reader());
      expect(page.items.map((b) => b.id)).not.toContain(otherBookId);
    }
    expect(await listBooks(ctx, { q: "garden", cursor: otherBookId }, reader())).toEqual({
      items: [],
      nextCursor: null,
    });
    const theirs = await listBooks(otherCtx, { q: "garden", limit: 100 }, reader());
    expect(theirs.items.map((b) => b.id)).toEqual([otherBookId]);
  });

  it("refuses a search longer than 200 characters (after trimming), naming the field", async () => {
    expect(await titles({ q: ` ${"x".repeat(200)} ` })).toEqual([]);
    const error = await listBooks(ctx, { q: "x".repeat(201) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ issues: [expect.objectContaining({ path: ["q"], code: "too_big" })] });
  });

  it("binds the search text, and gives each SQL text its own prepared-statement name", async () => {
    const seen: { text: string; values: unknown[]; name?: string }[] = [];
    const pool = apiSql();
    const recording: RowReader = (text, values, name) => {
      seen.push({ text, values, name });
      return pool(text, values, name);
    };
    const hostile = `'); DELETE FROM "Book"; --`;
    const cursor = ids.get("The Balcony");
    for (const status of [undefined, "COMPLETED"] as const) {
      for (const q of [undefined, hostile]) {
        for (const after of [undefined, cursor]) await listBooks(ctx, { status, q, cursor: after }, recording);
      }
    }
    const textByName = new Map<string | undefined, Set<string>>();
    for (const { text, name } of seen) textByName.set(name, (textByName.get(name) ?? new Set()).add(text));
    expect(textByName.size).toBe(8);
    for (const [name, texts] of textByName) {
      expect(name).toMatch(/^scriptorium_list_books(_status)?(_search)?(_cursor)?$/);
      expect(texts.size, String(name)).toBe(1);
    }
    for (const { text } of seen) expect(text).not.toContain("DELETE");
    expect(seen.filter((s) => s.values.includes(containsPattern(hostile)))).toHaveLength(4);
    expect(await titles({})).toHaveLength(shelf.length);
  });
});
