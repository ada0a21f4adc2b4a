// Benchmark of the generation pipeline on PostgreSQL, with the demo engine as the fake engine (a fixed
// time per chapter, no network): prints
//   1. whole-book wall time / longest single chapter, at concurrency ≥ chapters (target ≤ 1.3), and
//   2. the queue pickup latency, send → job claimed by a worker (target median < 100 ms), with the
//      LISTEN/NOTIFY wake-up and, as the baseline in the same run, with pg-boss polling alone.
//
//   npm run bench:generation -- [--chapters 6] [--chapter-ms 1000] [--samples 20] [--baseline-samples 5]
//
// Needs PostgreSQL at 127.0.0.1:5432 (TEST_DATABASE_ADMIN_URL to change); creates and drops its own
// database. The worker side is the real one (pg-boss worker loops + runGeneration + queue wake-up); only
// the format exports that finalize queues are not run, so they do not compete for the CPU.
import "./generation-env";
import { parseArgs } from "node:util";
import PgBoss from "pg-boss";
import { DemoEngine } from "@/engines/demo-engine";
import { createBook } from "@/server/books/create-book";
import { createDb, type Db } from "@/server/db/client";
import { deployMigrations } from "@/server/db/migrations";
import { GENERATE_BOOK_QUEUE, generateBookQueueOptions } from "@/server/generation/generation-queue";
import { enqueueWith } from "@/server/queue/queue";
import { startQueueWakeup } from "@/server/queue/queue-wakeup";
import { runGenerationBatch } from "@/server/generation/run-generation";
import { createTempDatabase } from "../tests/helpers/temp-database";
import { sessionCtx } from "../tests/helpers/session-ctx";

const { values } = parseArgs({
  options: {
    chapters: { type: "string", default: "6" },
    "chapter-ms": { type: "string", default: "1000" },
    samples: { type: "string", default: "20" },
    "baseline-samples": { type: "string", default: "5" },
  },
});
const chapters = Number(values.chapters);
const chapterMs = Number(values["chapter-ms"]);
const samples = Number(values.samples);
const baselineSamples = Number(values["baseline-samples"]);
const concurrency = Number(process.env.GENERATION_CONCURRENCY);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function waitFor(db: Db, jobId: string, status: "COMPLETED"): Promise<void> {
  for (;;) {
    const job = await db.bookJob.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === status) return;
    if (job.status === "FAILED") throw new Error(`job ${jobId} failed: ${job.error}`);
    await sleep(5);
  }
}

async function main() {
  const database = await createTempDatabase("bench");
  const db = createDb(database.url);
  const boss = new PgBoss({ connectionString: database.url, max: 4, supervise: false, schedule: false });
  const stops: (() => Promise<void>)[] = [];
  try {
    await deployMigrations(database.url);
    await boss.start();
    await boss.createQueue(GENERATE_BOOK_QUEUE, { name: GENERATE_BOOK_QUEUE, ...generateBookQueueOptions });

    const user = await db.user.create({ data: { name: "Bench", email: "bench@example.test", emailVerified: true } });
    const org = await db.organization.create({
      data: { name: "Bench Press", slug: "bench-press", plan: "ENTERPRISE" },
    });
    await db.organizationMember.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
    const ctx = sessionCtx(db, { userId: user.id, organizationId: org.id });
    const setDelay = (ms: number) =>
      db.organization.update({ where: { id: org.id }, data: { engineSettings: { demo: { delayMsPerChapter: ms } } } });

    // The worker: the real handler on pg-boss worker loops; exports are recorded instead of rendered.
    const deps = { db, log: () => {}, enqueue: async () => null };
    const workerIds = new Map<string, string[]>();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++)
      ids.push(await boss.work<object>(GENERATE_BOOK_QUEUE, (batch) => runGenerationBatch(deps, batch)));
    workerIds.set(GENERATE_BOOK_QUEUE, ids);
    const send = enqueueWith(boss);
    const newJob = async (targetChapters: number) => {
      const { job } = await createBook(
        ctx,
        {
          title: "Bench Book",
          topic: "benchmarks",
          goal: "measure",
          targetChapters,
          targetWords: Math.max(500, targetChapters * 200),
        },
        { enqueue: async () => null },
      );
      return job.id;
    };

    // 1. Wall time of a whole book vs its longest chapter.
    const engine = new DemoEngine({ delayMsPerChapter: chapterMs });
    const brief = {
      title: "Bench Book",
      topic: "benchmarks",
      goal: "measure",
      language: "en" as const,
      targetChapters: chapters,
      targetWords: Math.max(500, chapters * 200),
    };
    const { outline } = await engine.outline({ brief });
    await new DemoEngine().writeChapter({ brief, outline, index: 0 }, () => {}); // warm-up (JIT)
    let longest = 0;
    for (let index = 0; index < chapters; index++) {
      const started = performance.now();
      await engine.writeChapter({ brief, outline, index }, () => {});
      longest = Math.max(longest, performance.now() - started);
    }
    const wakeup = startQueueWakeup(boss, database.url, workerIds);
    stops.push(() => wakeup.stop());
    await sleep(300); // LISTEN established
    await setDelay(chapterMs);
    const runBook = async () => {
      const jobId = await newJob(chapters);
      await send(GENERATE_BOOK_QUEUE, { bookJobId: jobId }, { singletonKey: jobId });
      await waitFor(db, jobId, "COMPLETED");
      const job = await db.bookJob.findUniqueOrThrow({ where: { id: jobId } });
      return job.completedAt!.getTime() - job.startedAt!.getTime();
    };
    await runBook(); // warm-up: first queries, JIT, connection pools
    const walls: number[] = [];
    for (let i = 0; i < 3; i++) walls.push(await runBook());
    const wall = median(walls);
    const ratio = wall / longest;

    // 2. Pickup latency, with the wake-up, then with polling alone.
    await setDelay(0);
    const measurePickup = async (count: number) => {
      const latencies: number[] = [];
      for (let i = 0; i < count; i++) {
        const jobId = await newJob(1);
        await sleep(150); // let the worker loops go idle, as between real books
        const before = Date.now();
        await send(GENERATE_BOOK_QUEUE, { bookJobId: jobId }, { singletonKey: jobId });
        await waitFor(db, jobId, "COMPLETED");
        const claimed = (await db.bookJob.findUniqueOrThrow({ where: { id: jobId } })).startedAt!.getTime();
        latencies.push(claimed - before);
      }
      return latencies;
    };
    const woken = await measurePickup(samples);
    await wakeup.stop();
    const polled = await measurePickup(baselineSamples);

    const ok = (pass: boolean) => (pass ? "OK" : "MISSED");
    console.log(`\ngeneration bench — PostgreSQL, demo engine with a fixed ${chapterMs} ms per chapter\n`);
    console.log(`book of ${chapters} chapters at concurrency ${concurrency}`);
    console.log(`  longest single chapter (engine alone)  ${longest.toFixed(0)} ms`);
    console.log(
      `  whole book, claimed → completed        ${wall} ms  (median of ${walls.join(", ")} ms, after a warm-up book)`,
    );
    console.log(`  ratio whole book / longest chapter     ${ratio.toFixed(2)}   target ≤ 1.30  ${ok(ratio <= 1.3)}`);
    console.log(`  (sequential would be ≈ ${(chapters * longest).toFixed(0)} ms, ratio ${chapters.toFixed(2)})\n`);
    console.log(`queue pickup latency, send → job claimed by a worker`);
    console.log(
      `  LISTEN/NOTIFY wake-up (${woken.length} books)  median ${median(woken).toFixed(0)} ms, p90 ${percentile(woken, 0.9)} ms, max ${Math.max(...woken)} ms   target median < 100 ms  ${ok(median(woken) < 100)}`,
    );
    console.log(
      `  baseline, pg-boss polling (${polled.length} books)  median ${median(polled).toFixed(0)} ms, max ${Math.max(...polled)} ms   → ${(median(polled) / Math.max(1, median(woken))).toFixed(0)}× slower`,
    );
    process.exitCode = ratio <= 1.3 && median(woken) < 100 ? 0 : 1;
  } finally {
    for (const stop of stops) await stop().catch(() => {});
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
