import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBook } from "@/server/books/create-book";
import { createDb, type Db } from "@/server/db/client";
import { deployMigrations } from "@/server/db/migrations";
import { type ModelSimulator, startModelSimulator } from "../fakes/model-simulator";
import { sessionCtx } from "../helpers/session-ctx";
import { exited, queueGenerationJob, workerProcesses } from "../support/worker-process";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-database";

// Issue 17's durability point with a real engine: a real worker process writes a book with the sectioned
// pipeline against the model simulator (paced so a section takes about a second), is killed with SIGKILL
// while a chapter is half written, and a new worker finishes the book. Sections finished before the kill
// must be kept as they were (resumed at the section, not the chapter), and the book completes.
type Section = { order: number; point: string; status: string; content: string };

describe("a worker killed with SIGKILL in the middle of a chapter's sections", () => {
  let database: TempDatabase;
  let client: Db;
  let simulator: ModelSimulator;

  beforeAll(async () => {
    database = await createTempDatabase("killsections");
    await deployMigrations(database.url);
    client = createDb(database.url);
    simulator = await startModelSimulator({ seed: 7, tokenDelayMs: 2 });
  }, 120_000);

  afterAll(async () => {
    workers.killAll();
    await simulator?.close();
    await client?.$disconnect();
    await database?.drop();
  });

  const workers = workerProcesses(() => database.url, {
    // The organization's engine points at the loopback simulator: private addresses allowed here only.
    ENGINE_ALLOW_PRIVATE_URLS: "true",
    GENERATION_LENGTH_CONTROL: "sections",
    GENERATION_SECTION_WORDS: "300",
    GENERATION_CONCURRENCY: "1",
    GENERATION_LEASE_SECONDS: "2",
  });
  const startWorker = workers.start;
  const output = workers.output;

  it("resumes at the first unfinished section and keeps the finished ones", { timeout: 600_000 }, async () => {
    const user = await client.user.create({
      data: { name: "Kill Sections", email: "kill-sections@example.test", emailVerified: true },
    });
    const org = await client.organization.create({
      data: {
        name: "Sections Press",
        slug: "sections-press",
        plan: "ENTERPRISE",
        engineSettings: {
          defaultEngine: "openai-compatible",
          openaiCompatible: { baseUrl: simulator.url, model: "simulator", maxRetries: 1, retryBaseDelayMs: 10 },
        },
      },
    });
    await client.organizationMember.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
    const ctx = sessionCtx(client, { userId: user.id, organizationId: org.id });
    const { book, job } = await createBook(
      ctx,
      {
        title: "Sectioned Book",
        topic: "a lighthouse keeper's winter",
        goal: "survive a crash",
        targetChapters: 2,
        targetWords: 2400,
        engine: "openai-compatible",
      },
      { enqueue: async () => null },
    );
    await queueGenerationJob(database.url, job.id);

    // Half a chapter: at least one of its sections done, the chapter itself not yet.
    const halfWritten = async () => {
      const chapters = await client.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      return chapters.find((c) => {
        const sections = (c.sections as Section[] | null) ?? [];
        const done = sections.filter((s) => s.status === "DONE").length;
        return c.status !== "DONE" && done >= 1 && done < sections.length;
      });
    };
    const first = startWorker();
    await expect.poll(halfWritten, { timeout: 240_000, interval: 25 }).toBeTruthy();
    first.kill("SIGKILL");
    await exited(first);
    expect(first.signalCode).toBe("SIGKILL");

    const atKill = (await halfWritten())!;
    expect(atKill).toBeDefined();
    const keptSections = ((atKill.sections as Section[]) ?? []).filter((s) => s.status === "DONE");
    expect(keptSections.length).toBeGreaterThanOrEqual(1);

    // Every prompt the second worker sends: none may ask again for a section finished before the kill.
    const promptsAfterKill: string[] = [];
    simulator.onPrompt((prompt) => promptsAfterKill.push(prompt));
    startWorker();
    await expect
      .poll(async () => (await client.bookJob.findUniqueOrThrow({ where: { id: job.id } })).status, {
        timeout: 240_000,
        interval: 200,
      })
      .toBe("COMPLETED");

    const after = await client.chapter.findUniqueOrThrow({ where: { id: atKill.id } });
    const sectionsAfter = (after.sections as Section[]) ?? [];
    // The sections finished before the kill are the same text, in the chapter as written.
    for (const kept of keptSections) {
      expect(sectionsAfter.find((s) => s.order === kept.order)?.content).toBe(kept.content);
      expect(after.content).toContain(kept.content.trim().slice(0, 200));
    }
    expect(after.status).toBe("DONE");
    const total = sectionsAfter.length;
    expect(promptsAfterKill.some((p) => p.includes(`of ${total}:`))).toBe(true);
    for (const kept of keptSections) {
      expect(
        promptsAfterKill.filter((p) => p.includes(`Write section ${kept.order} of ${total}: "${kept.point}"`)),
      ).toEqual([]);
    }
    const finished = await client.bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(finished.attempts).toBe(2);
    expect(output.join("")).toContain("re-queued 1 stalled job");
  });
});
