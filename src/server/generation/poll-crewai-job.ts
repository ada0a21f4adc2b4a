import "server-only";
import type { CrewStatusSnapshot } from "@/engines/crewai-client";
import type { CrewPhase } from "@/engines/crewai-contract";
import type { CrewAiEngine } from "@/engines/crewai-engine";
import type { JobStatus } from "@/generated/prisma/enums";
import { type GenerationRun, LostJobError } from "./generation-run";

/** The statuses of a crew job in the order a run goes through them. */
const order: JobStatus[] = ["PENDING", "GENERATING_OUTLINE", "WRITING_CHAPTERS", "FINALIZING"];

/** The running statuses a job may move from to reach `phase` (the earlier ones), for forward-only updates. */
export function statusesBefore(phase: CrewPhase): JobStatus[] {
  return order.slice(1, order.indexOf(phase));
}

/**
 * Moves the job forward to the phase the crew is in (never backwards: a late report of the outline after
 * the chapters changes nothing). Task webhooks move the stored status too (handle-crewai-webhook.ts), so the
 * move is one fenced update from any earlier running status, as theirs is: reading the status and then
 * updating from it lost the job whenever a webhook moved it in between (the run ended "skipped"). When there
 * is nothing to move, the run catches up with what is stored. COMPLETED and FAILED are left to the
 * pipeline, which saves the result or records the failure itself.
 */
export async function advanceJobTo(run: GenerationRun, phase: CrewPhase): Promise<void> {
  if (order.indexOf(phase) > order.indexOf(run.status)) {
    try {
      await run.transition(statusesBefore(phase), phase);
      return;
    } catch (error) {
      // Already at the phase or past it (a webhook was first), or no longer this run's: read which below.
      if (!(error instanceof LostJobError)) throw error;
    }
  }
  const stored = await run.db.bookJob.findFirst({
    where: { id: run.job.id, attempts: run.attempt },
    select: { status: true },
  });
  if (!stored || order.indexOf(stored.status) < order.indexOf(phase)) throw new LostJobError();
  if (order.indexOf(stored.status) > order.indexOf(run.status)) {
    run.status = stored.status;
    await run.tracker.setState(stored.status);
  }
}

/**
 * One read of the crew's status endpoint (the fallback when webhooks do not arrive): moves the job to the
 * phase its running task stands for, notes the live progress, and returns the snapshot (with the final
 * Markdown once completed).
 */
export async function pollCrewAiJob(
  run: GenerationRun,
  engine: CrewAiEngine,
  kickoffId: string,
): Promise<CrewStatusSnapshot> {
  const snapshot = await engine.client.status(kickoffId, run.signal);
  if (snapshot.phase) await advanceJobTo(run, snapshot.phase);
  const task = snapshot.currentTask ? ` — ${snapshot.currentTask}` : "";
  const tasks = snapshot.progress ? ` (${snapshot.progress.completedTasks}/${snapshot.progress.totalTasks} tasks)` : "";
  run.tracker.note(`CrewAI: ${snapshot.rawStatus}${task}${tasks}`);
  return snapshot;
}
