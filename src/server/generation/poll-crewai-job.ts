import "server-only";
import type { CrewStatusSnapshot } from "@/engines/crewai-client";
import type { CrewAiEngine } from "@/engines/crewai-engine";
import type { JobStatus } from "@/generated/prisma/enums";
import type { GenerationRun } from "./generation-run";

const order: JobStatus[] = ["PENDING", "GENERATING_OUTLINE", "WRITING_CHAPTERS", "FINALIZING", "COMPLETED"];

/**
 * Moves the job forward to the state a crew reports (never backwards: a late "pending" after
 * "writing_chapters" changes nothing). COMPLETED and FAILED are left to the pipeline, which saves the
 * result or records the failure itself.
 */
export async function advanceJobTo(run: GenerationRun, reported: JobStatus): Promise<void> {
  const target = reported === "COMPLETED" ? "FINALIZING" : reported;
  if (target === "FAILED" || target === "PENDING") return;
  if (order.indexOf(target) <= order.indexOf(run.status)) return;
  await run.transition([run.status], target);
}

/**
 * One read of the crew's status endpoint (the fallback when webhooks do not arrive): maps the state onto
 * the job and its live progress, and returns the snapshot (with the final Markdown once completed).
 */
export async function pollCrewAiJob(
  run: GenerationRun,
  engine: CrewAiEngine,
  kickoffId: string,
): Promise<CrewStatusSnapshot> {
  const snapshot = await engine.client.status(kickoffId, run.signal);
  await advanceJobTo(run, snapshot.status);
  const task = snapshot.currentTask ? ` — ${snapshot.currentTask}` : "";
  const tasks = snapshot.progress ? ` (${snapshot.progress.completedTasks}/${snapshot.progress.totalTasks} tasks)` : "";
  run.tracker.note(`CrewAI: ${snapshot.rawStatus}${task}${tasks}`);
  return snapshot;
}
