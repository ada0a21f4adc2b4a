import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { crewAiSettingsSchema } from "@/engines/crewai-client";
import type { CrewAiEngine } from "@/engines/crewai-engine";
import { sleep } from "@/engines/retrying-fetch";
import { EngineError, throwIfAborted } from "@/engines/writing-engine";
import { env } from "@/server/env";
import { type GenerationRun, LostJobError } from "./generation-run";
import { advanceJobTo, pollCrewAiJob } from "./poll-crewai-job";
import { crewResultSaved, saveCrewResult } from "./save-crew-result";
import { stopCrewRun } from "./stop-crew-run";

/** The stored form of a per-job webhook secret (only its hash is kept). */
export function hashWebhookSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The webhook URL a crew posts one kind of event to, carrying the job's secret. */
export function crewWebhookUrl(baseUrl: string, jobId: string, secret: string, kind: "task" | "step" | "crew"): string {
  const url = new URL(`/api/webhooks/crewai/${encodeURIComponent(jobId)}`, baseUrl);
  url.searchParams.set("kind", kind);
  url.searchParams.set("token", secret);
  return url.toString();
}

/**
 * The CrewAI branch of the pipeline: a remote crew writes the whole book in one run. Kicks it off once
 * (kickoff id → BookJob.externalJobId, webhooks authenticated by a per-job secret whose hash is stored),
 * then waits for the result from whichever comes first: a crew webhook (saved by the webhook route) or the
 * status endpoint polled as a fallback. A resumed job with a kickoff id only resumes waiting.
 */
export async function writeWithCrewAi(run: GenerationRun): Promise<void> {
  const { db, job } = run;
  const engine = run.engine as CrewAiEngine;
  const settings = crewAiSettingsSchema.parse(run.engineSettings);
  const current = await db.bookJob.findUniqueOrThrow({ where: { id: job.id } });
  let kickoffId = current.externalJobId;

  if (!kickoffId && !(await crewResultSaved(db, job.bookId))) {
    await run.tracker.setState(run.status, "Starting the crew");
    const secret = randomBytes(32).toString("base64url");
    const saved = await db.bookJob.updateMany({
      where: { id: job.id, attempts: run.attempt },
      data: { webhookSecretHash: hashWebhookSecret(secret) },
    });
    if (saved.count === 0) throw new LostJobError();
    const base = run.deps.webhookBaseUrl ?? env().APP_URL;
    const started = await engine.startBook(
      run.brief,
      {
        webhooks: {
          task: crewWebhookUrl(base, job.id, secret, "task"),
          step: crewWebhookUrl(base, job.id, secret, "step"),
          crew: crewWebhookUrl(base, job.id, secret, "crew"),
        },
        meta: { jobId: job.id, bookId: job.bookId },
      },
      run.signal,
    );
    kickoffId = started.kickoffId;
    const stored = await db.bookJob.updateMany({
      where: { id: job.id, attempts: run.attempt },
      data: { externalJobId: kickoffId },
    });
    if (stored.count === 0) throw new LostJobError();
  }

  try {
    await waitForCrewResult(
      run,
      engine,
      kickoffId,
      (current.startedAt?.getTime() ?? Date.now()) + settings.runTimeoutMs,
    );
  } catch (error) {
    // A cancel seen by this run (the API's cancel may have read the job before the kickoff id was stored)
    // stops the crew too, so it does not keep writing, and spending, for a book nobody waits for.
    if (kickoffId && run.abortReason() === "cancelled") await stopCrewRun(engine, kickoffId, run.deps.log);
    throw error;
  }

  await advanceJobTo(run, "WRITING_CHAPTERS");
  run.chapters = await db.chapter.findMany({ where: { bookId: job.bookId }, orderBy: { order: "asc" } });
  await run.tracker.setChapters(
    run.chapters.map((c) => ({
      order: c.order,
      title: c.title,
      state: "DONE",
      words: c.wordCount,
      budget: c.wordBudget,
    })),
  );
}

/** Polls the crew until its result is saved (by a crew webhook or by this poll), or the run fails. */
async function waitForCrewResult(
  run: GenerationRun,
  engine: CrewAiEngine,
  kickoffId: string | null,
  deadline: number,
): Promise<void> {
  const { db, job } = run;
  const settings = crewAiSettingsSchema.parse(run.engineSettings);
  while (kickoffId && !(await crewResultSaved(db, job.bookId))) {
    throwIfAborted(run.signal);
    const snapshot = await pollCrewAiJob(run, engine, kickoffId);
    if (snapshot.status === "FAILED") {
      // A crew stopped because the book was cancelled reports itself failed ("Execution stopped"), often
      // before this run's heartbeat sees the cancel: that is a cancel, not a crew failure.
      const cancel = await db.bookJob.findUnique({ where: { id: job.id }, select: { cancelRequestedAt: true } });
      if (cancel?.cancelRequestedAt) {
        run.abort("cancelled");
        throwIfAborted(run.signal);
      }
      throw new EngineError("CREW_FAILED", `The CrewAI run failed: ${snapshot.error ?? snapshot.rawStatus}`);
    }
    if (snapshot.status === "COMPLETED") {
      if (!snapshot.output) throw new EngineError("CREW_RESULT_MISSING", "The CrewAI run completed without any output");
      const output = snapshot.output;
      await db.$transaction((tx) => saveCrewResult(tx, job, output));
      break;
    }
    if (Date.now() + settings.pollIntervalMs > deadline) {
      throw new EngineError(
        "CREW_TIMEOUT",
        `The CrewAI run did not finish within ${Math.round(settings.runTimeoutMs / 1000)} s`,
      );
    }
    await sleep(settings.pollIntervalMs, run.signal);
  }
}
