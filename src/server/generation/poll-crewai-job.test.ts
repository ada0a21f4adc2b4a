import { describe, expect, it } from "vitest";
import { type Db, db } from "@/server/db/client";
import { createOrgWithMember, createTestBook, testDeps } from "../../../tests/helpers/books";
import { claimJob } from "./claim-job";
import { LostJobError, openRun } from "./generation-run";
import { advanceJobTo, statusesBefore } from "./poll-crewai-job";

/** What a crew task webhook does to the job (handle-crewai-webhook.ts): forward, from any earlier status. */
async function webhookMoves(jobId: string, phase: "WRITING_CHAPTERS" | "FINALIZING") {
  await db().bookJob.updateMany({
    where: { id: jobId, status: { in: statusesBefore(phase) } },
    data: { status: phase },
  });
}

/**
 * The database as the run sees it, except that once `armed`, the webhook's move lands right after the
 * run's first statement about the job: between a read and an update, or after an update.
 */
function racingDb(jobId: string) {
  const state = { armed: false, fired: false };
  const real = db();
  const delegate = new Proxy(real.bookJob, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || (prop !== "findFirst" && prop !== "updateMany")) return value;
      return async (args: { where?: { id?: string } }) => {
        const result = await value.call(target, args);
        if (state.armed && !state.fired && args.where?.id === jobId) {
          state.fired = true;
          await webhookMoves(jobId, "WRITING_CHAPTERS");
        }
        return result;
      };
    },
  });
  const proxied = new Proxy(real, {
    get(target, prop) {
      if (prop === "bookJob") return delegate;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Db;
  return { proxied, state };
}

/** A claimed job and its open run, which sees the database `databaseFor` gives for the job's id. */
async function runningJob(label: string, databaseFor: (jobId: string) => Db = () => db()) {
  const { ctx } = await createOrgWithMember(label);
  const { job } = await createTestBook(ctx);
  const database = databaseFor(job.id);
  const claimed = await claimJob(database, job.id, 60);
  if (!claimed) throw new Error("the job was not claimed");
  const { deps } = testDeps({ db: database });
  return { job: claimed, run: await openRun(deps, claimed) };
}

describe("advanceJobTo: the polled crew phase and the task webhooks move the same job", () => {
  it("keeps the job when a webhook moves it right after the run's first statement", async () => {
    let race: ReturnType<typeof racingDb> | undefined;
    const { job, run } = await runningJob("crew-race", (jobId) => {
      race = racingDb(jobId);
      return race.proxied;
    });
    const state = race!.state;
    try {
      expect(run.status).toBe("GENERATING_OUTLINE");
      state.armed = true;
      await advanceJobTo(run, "WRITING_CHAPTERS");
      expect(state.fired).toBe(true);
      expect(run.status).toBe("WRITING_CHAPTERS");
      expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("WRITING_CHAPTERS");
    } finally {
      await run.stop();
    }
  });

  it("catches up with a webhook that was first, and moves on from there", async () => {
    const { job, run } = await runningJob("crew-behind");
    try {
      await webhookMoves(job.id, "WRITING_CHAPTERS");
      await advanceJobTo(run, "WRITING_CHAPTERS");
      expect(run.status).toBe("WRITING_CHAPTERS");
      // A late report of an earlier phase changes nothing.
      await advanceJobTo(run, "GENERATING_OUTLINE");
      expect(run.status).toBe("WRITING_CHAPTERS");
      await advanceJobTo(run, "FINALIZING");
      expect(run.status).toBe("FINALIZING");
      expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("FINALIZING");
    } finally {
      await run.stop();
    }
  });

  it("reports the job lost once another run took it over", async () => {
    const { job, run } = await runningJob("crew-lost");
    try {
      await db().bookJob.update({ where: { id: job.id }, data: { attempts: { increment: 1 } } });
      await expect(advanceJobTo(run, "WRITING_CHAPTERS")).rejects.toBeInstanceOf(LostJobError);
      expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("GENERATING_OUTLINE");
    } finally {
      await run.stop();
    }
  });
});
