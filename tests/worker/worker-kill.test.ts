import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBook } from "@/server/books/create-book";
import { createDb, type Db } from "@/server/db/client";
import { deployMigrations } from "@/server/db/migrations";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-database";
import { sessionCtx } from "../helpers/session-ctx";
import { exited, queueGenerationJob, workerProcesses } from "../support/worker-process";

// The durability acceptance test: a real worker process (`node --import tsx src/worker/main.ts`) writes a
// slow demo book; it is killed with SIGKILL in the middle, a new worker is started, and the book must
// complete with every chapter written exactly once. Its own database, so no other test's worker or queue
// can touch the job. A trigger counts every chapter write.
const CHAPTERS = 6;

describe("a worker killed with SIGKILL mid-book", () => {
  let database: TempDatabase;
  let client: Db;

  beforeAll(async () => {
    database = await createTempDatabase("kill");
    await deployMigrations(database.url);
    client = createDb(database.url);
    await client.$executeRawUnsafe(`CREATE TABLE chapter_writes (chapter_id text NOT NULL, kind text NOT NULL)`);
    await client.$executeRawUnsafe(`
      CREATE FUNCTION count_chapter_writes() RETURNS trigger AS $$
      BEGIN
        IF NEW.status = 'DONE' AND OLD.status IS DISTINCT FROM 'DONE' THEN
          INSERT INTO chapter_writes VALUES (NEW.id, 'written');
        ELSIF OLD.status = 'DONE' AND NEW.content IS DISTINCT FROM OLD.content THEN
          INSERT INTO chapter_writes VALUES (NEW.id, 'rewritten');
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await client.$executeRawUnsafe(
      `CREATE TRIGGER count_chapter_writes BEFORE UPDATE ON "Chapter" FOR EACH ROW EXECUTE FUNCTION count_chapter_writes()`,
    );
  }, 120_000);

  afterAll(async () => {
    workers.killAll();
    await client?.$disconnect();
    await database?.drop();
  });

  const workers = workerProcesses(() => database.url, {
    DEMO_ENGINE_CHAPTER_DELAY_MS: "700",
    GENERATION_CONCURRENCY: "2",
    GENERATION_LEASE_SECONDS: "2",
  });
  const startWorker = workers.start;
  const output = workers.output;

  it("resumes on a new worker and writes each chapter exactly once", { timeout: 600_000 }, async () => {
    const user = await client.user.create({
      data: { name: "Kill Test", email: "kill@example.test", emailVerified: true },
    });
    const org = await client.organization.create({ data: { name: "Kill Press", slug: "kill-press" } });
    await client.organizationMember.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
    const ctx = sessionCtx(client, { userId: user.id, organizationId: org.id });
    const { book, job } = await createBook(
      ctx,
      {
        title: "Durable Book",
        topic: "resilience",
        goal: "survive a crash",
        targetChapters: CHAPTERS,
        targetWords: 1200,
      },
      { enqueue: async () => null },
    );
    await queueGenerationJob(database.url, job.id);

    const first = startWorker();
    // A worker process starting under tsx on two busy cores can take minutes before its first chapter (seen at a load
    // average of 12: the two worker-kill tests missed their 120 s waits).
    const doneCount = () => client.chapter.count({ where: { bookId: book.id, status: "DONE" } });
    await expect.poll(doneCount, { timeout: 240_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    first.kill("SIGKILL");
    await exited(first);
    expect(first.signalCode).toBe("SIGKILL");

    const atKill = await client.bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(atKill.status).toBe("WRITING_CHAPTERS");
    const finishedBefore = await client.chapter.findMany({
      where: { bookId: book.id, status: "DONE" },
      orderBy: { order: "asc" },
    });
    expect(finishedBefore.length).toBeGreaterThanOrEqual(2);
    expect(finishedBefore.length).toBeLessThan(CHAPTERS);

    startWorker();
    await expect
      .poll(async () => (await client.bookJob.findUniqueOrThrow({ where: { id: job.id } })).status, {
        timeout: 240_000,
        interval: 100,
      })
      .toBe("COMPLETED");

    const chapters = await client.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    expect(chapters.map((c) => c.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(chapters.every((c) => c.status === "DONE" && c.wordCount === c.wordBudget)).toBe(true);
    for (const before of finishedBefore) {
      expect(chapters.find((c) => c.id === before.id)).toEqual(before);
    }
    const writes = await client.$queryRawUnsafe<{ chapter_id: string; kind: string }[]>(`SELECT * FROM chapter_writes`);
    expect(writes.filter((w) => w.kind === "rewritten")).toEqual([]);
    expect(writes.map((w) => w.chapter_id).sort()).toEqual(chapters.map((c) => c.id).sort());

    const finished = await client.bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(finished.attempts).toBe(2);
    expect(await client.bookRevision.count({ where: { bookId: book.id } })).toBe(1);
    expect((await client.book.findUniqueOrThrow({ where: { id: book.id } })).status).toBe("COMPLETED");
    expect(output.join("")).toContain("re-queued 1 stalled job");
  });
});
