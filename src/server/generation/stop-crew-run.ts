import "server-only";
import type { CrewAiEngine } from "@/engines/crewai-engine";
import { resolveEngine } from "@/server/books/engine-config";
import type { Db } from "@/server/db/client";

/** How long a cancel waits for the platform's answer to a stop: cancelling must not hang on a slow crew. */
const STOP_TIMEOUT_MS = 5_000;

export type CrewStopOutcome = "stopped" | "already-ended" | "failed";

/**
 * Asks CrewAI to stop a run (POST /stop/{kickoff_id}) so a cancelled book stops spending. Best effort: a
 * failure is logged and reported, never thrown, because the job is cancelled on our side either way.
 */
export async function stopCrewRun(
  engine: CrewAiEngine,
  kickoffId: string,
  log: (message: string) => void = console.warn,
): Promise<CrewStopOutcome> {
  try {
    const stopped = await engine.client.stop(kickoffId, AbortSignal.timeout(STOP_TIMEOUT_MS));
    return stopped ? "stopped" : "already-ended";
  } catch (error) {
    log(`CrewAI run ${kickoffId} could not be stopped: ${error instanceof Error ? error.message : String(error)}`);
    return "failed";
  }
}

/**
 * Stops the crew run of a cancelled CrewAI job, with the engine settings of its organization. Jobs of other
 * engines, or whose crew was never kicked off, have nothing to stop (undefined).
 */
export async function stopCrewRunOfJob(
  db: Db,
  job: { id: string; engine: string; organizationId: string },
): Promise<CrewStopOutcome | undefined> {
  if (job.engine !== "crewai") return undefined;
  const current = await db.bookJob.findUnique({ where: { id: job.id }, select: { externalJobId: true } });
  if (!current?.externalJobId) return undefined;
  const org = await db.organization.findUniqueOrThrow({
    where: { id: job.organizationId },
    select: { id: true, engineSettings: true, engineSecretEncrypted: true },
  });
  let engine: CrewAiEngine;
  try {
    engine = resolveEngine(org, "crewai") as CrewAiEngine;
  } catch (error) {
    console.warn(`job ${job.id}: CrewAI run not stopped, the engine is not configured any more`, error);
    return "failed";
  }
  return stopCrewRun(engine, current.externalJobId);
}
