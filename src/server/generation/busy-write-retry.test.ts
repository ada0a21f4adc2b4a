import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { type Db, db } from "@/server/db/client";
import { openAiPipelineSuite } from "../../../tests/helpers/openai-fake-suite";
import { createTestBook, testDeps } from "../../../tests/helpers/books";
import { isBusyDatabaseError, withBusyRetry } from "./busy-write-retry";
import { jobView } from "./job-view";
import { runGeneration } from "./run-generation";

// A busy pool (30 chapters writing at once) made short pipeline writes fail with P2028: they are retried.
const API_KEY = "sk-test-busy-pool";
const p2028 = () =>
  new Prisma.PrismaClientKnownRequestError("Transaction API error: Unable to start a transaction in the given time.", {
    code: "P2028",
    clientVersion: Prisma.prismaVersion.client,
  });

/** The real client, except that every batch transaction fails with P2028 twice before it is let through. */
function busyDb(real: Db): { db: Db; failures: () => number } {
  let calls = 0;
  let failures = 0;
  const proxy = new Proxy(real, {
    get(target, property) {
      if (property === "$transaction") {
        return (arg: unknown, ...rest: unknown[]) => {
          if (Array.isArray(arg) && calls++ % 3 < 2) {
            failures++;
            return Promise.reject(p2028());
          }
          return (target.$transaction as (...a: unknown[]) => unknown)(arg, ...rest);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, failures: () => failures };
}

describe("withBusyRetry", () => {
  it("tries a write again after P2028 and returns its result", async () => {
    let tries = 0;
    const result = await withBusyRetry(
      async () => {
        tries++;
        if (tries <= 2) throw p2028();
        return "saved";
      },
      { baseDelayMs: 1 },
    );
    expect(result).toBe("saved");
    expect(tries).toBe(3);
  });

  it("does not retry an error that is not about a busy database", async () => {
    let tries = 0;
    const failing = withBusyRetry(
      async () => {
        tries++;
        throw new Prisma.PrismaClientKnownRequestError("Unique constraint failed", {
          code: "P2002",
          clientVersion: Prisma.prismaVersion.client,
        });
      },
      { baseDelayMs: 1 },
    );
    await expect(failing).rejects.toMatchObject({ code: "P2002" });
    expect(tries).toBe(1);
  });

  it("gives up after its attempts with the last error", async () => {
    let tries = 0;
    const failing = withBusyRetry(
      async () => {
        tries++;
        throw p2028();
      },
      { attempts: 4, baseDelayMs: 1 },
    );
    await expect(failing).rejects.toMatchObject({ code: "P2028" });
    expect(tries).toBe(4);
  });

  it("recognises pool and lock timeouts, not other failures", () => {
    expect(isBusyDatabaseError(p2028())).toBe(true);
    expect(isBusyDatabaseError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isBusyDatabaseError(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(true);
    expect(isBusyDatabaseError(new Error("relation does not exist"))).toBe(false);
    expect(isBusyDatabaseError("P2028")).toBe(false);
  });
});

describe("the sectioned pipeline on a busy pool", () => {
  const { openAiOrg } = openAiPipelineSuite(API_KEY);

  it("completes when every write fails twice with P2028, counting each write's tokens once", async () => {
    const { ctx } = await openAiOrg("busy-pool");
    // Two identical books written one chapter at a time: the same requests, so the same token usage.
    const calm = await createTestBook(ctx, { targetChapters: 2, targetWords: 1200 });
    const busy = await createTestBook(ctx, { targetChapters: 2, targetWords: 1200 });

    const { deps: calmDeps } = testDeps({ sectionWords: 400, concurrency: 1 });
    expect(await runGeneration(calmDeps, { bookJobId: calm.job.id })).toBe("completed");

    const flaky = busyDb(db());
    const { deps: busyDeps, logs } = testDeps({ db: flaky.db, sectionWords: 400, concurrency: 1 });
    expect(await runGeneration(busyDeps, { bookJobId: busy.job.id })).toBe("completed");

    // Outline, bible, 2 plans, 4 sections, 2 chapters: each batch write failed twice first. (The finished
    // book's write is an interactive transaction holding the book row, which this stand-in lets through.)
    expect(flaky.failures()).toBeGreaterThanOrEqual(2 * 10);
    expect(logs.some((line) => line.includes("database busy"))).toBe(true);

    const calmView = jobView(await db().bookJob.findUniqueOrThrow({ where: { id: calm.job.id } }));
    const busyView = jobView(await db().bookJob.findUniqueOrThrow({ where: { id: busy.job.id } }));
    expect(busyView.status).toBe("COMPLETED");
    expect(calmView.tokenUsage!.totalTokens).toBeGreaterThan(0);
    expect(busyView.tokenUsage).toEqual(calmView.tokenUsage);
    const chapters = await db().chapter.findMany({ where: { bookId: busy.book.id } });
    expect(chapters.every((c) => c.status === "DONE" && c.wordCount > 0)).toBe(true);
  });
});
