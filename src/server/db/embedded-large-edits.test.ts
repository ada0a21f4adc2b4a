// The reproduction on the embedded database: a free user's 21st 200,000-character chapter edit on
// a 50-chapter book (≈4 MB in the book row, read back and rewritten by every edit) froze PGlite for every
// tenant, because the wire server sent PGlite's reused memory to the socket without copying it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleBookMarkdown } from "@/server/books/assemble-book-markdown";
import { CHAPTER_MAX_CHARACTERS } from "@/contracts/book-inputs";
import { updateChapter } from "@/server/books/update-chapter";
import { createDb, type Db } from "./client";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded-database";
import { deployMigrations } from "./migrations";
import { sessionCtx } from "../../../tests/helpers/session-ctx";

describe("the embedded database under the largest chapter edits", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scriptorium-large-edits-"));
  let database: EmbeddedDatabase;
  let edb: Db;

  beforeAll(async () => {
    database = await startEmbeddedDatabase({ dataDir, port: 0 });
    await deployMigrations(database.url);
    edb = createDb(database.url);
  }, 180_000);

  afterAll(async () => {
    await edb?.$disconnect();
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("saves 21 maximum-size chapters of a 50-chapter book, and the database still answers everyone", {
    timeout: 300_000,
  }, async () => {
    const user = await edb.user.create({
      data: { name: "Long Writer", email: "long@example.test", emailVerified: true },
    });
    const org = await edb.organization.create({ data: { name: "Long Press", slug: "long-press", plan: "FREE" } });
    await edb.organizationMember.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
    const book = await edb.book.create({
      data: {
        organizationId: org.id,
        createdById: user.id,
        title: "Fifty",
        topic: "size",
        goal: "fit",
        status: "COMPLETED",
      },
    });
    await edb.chapter.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        bookId: book.id,
        order: i + 1,
        title: `Chapter ${i + 1}`,
        content: "Short.",
        status: "DONE" as const,
      })),
    });
    const chapters = await edb.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    await edb.book.update({ where: { id: book.id }, data: { content: assembleBookMarkdown(book.title, chapters) } });
    await edb.bookJob.create({ data: { bookId: book.id, organizationId: org.id, status: "COMPLETED" } });
    const ctx = sessionCtx(
      edb,
      { userId: user.id, organizationId: org.id },
      { ipAddress: "127.0.0.1", userAgent: "vitest" },
    );

    // Each chapter different (a shifted alphabet), so a chunk repeated or misplaced cannot compare equal.
    const chapterText = (i: number) => {
      const line = Array.from({ length: 99 }, (_, j) => String.fromCharCode(97 + ((i + j) % 26))).join("");
      return `${line}\n`.repeat(CHAPTER_MAX_CHARACTERS / 100);
    };
    // Meanwhile other clients keep querying, as the worker's pg-boss and other tenants' requests do: their
    // results went through PGlite's memory while a large one was still being written to the socket.
    // A stalled session fails the test within a minute instead of hanging it.
    const others = new pg.Pool({ connectionString: database.url, max: 3, query_timeout: 60_000 });
    let editing = true;
    let answered = 0;
    const poll = async (n: number) => {
      while (editing) {
        const { rows } = await others.query<{ echo: string }>("SELECT $1::text AS echo", [`poll-${n}`]);
        expect(rows[0]!.echo).toBe(`poll-${n}`);
        answered++;
      }
    };
    const pollers = Promise.all([poll(1), poll(2), poll(3)]).then(
      () => null,
      (error: unknown) => error,
    );
    try {
      for (let i = 0; i < 21; i++) {
        const content = chapterText(i);
        expect(content.length).toBe(CHAPTER_MAX_CHARACTERS);
        const result = await updateChapter(ctx, { bookId: book.id, chapterId: chapters[i]!.id }, { content });
        expect(result.chapter.id).toBe(chapters[i]!.id);
      }
    } finally {
      editing = false;
      const pollFailure = await pollers;
      await others.end();
      expect(pollFailure).toBeNull();
    }
    expect(answered).toBeGreaterThan(21);

    const saved = await edb.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(saved.content!.length).toBeGreaterThan(21 * CHAPTER_MAX_CHARACTERS);
    for (let i = 0; i < 21; i++) expect(saved.content).toContain(chapterText(i));
    expect(await edb.bookRevision.count({ where: { bookId: book.id } })).toBe(21);

    // Another client (the health check, a sign-in) is answered straight after.
    const other = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 5000 });
    await other.connect();
    try {
      expect((await other.query("SELECT 1 AS one")).rows[0].one).toBe(1);
    } finally {
      await other.end();
    }
  });
});
