import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { type CrewWebhook, type CrewWebhookKind, crewWebhookUsage, parseCrewWebhook } from "@/engines/crewai-webhooks";
import { readCrewBook, phaseAfterTask } from "@/engines/crewai-contract";
import { EngineError } from "@/engines/writing-engine";
import type { Db, DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { tail } from "./job-progress";
import { statusesBefore } from "./poll-crewai-job";
import { recordProgress } from "./record-progress";
import { saveCrewResult } from "./save-crew-result";
import { hashWebhookSecret } from "./write-with-crewai";

export interface CrewWebhookDelivery {
  jobId: string;
  /** The per-job secret, from the URL query (`token`) or the `x-webhook-token` header. */
  token: string | null;
  /** `task`, `step` or `crew` from the URL we registered; inferred from the body when absent. */
  kind: string | null;
  rawBody: string;
}

export type CrewWebhookResult = { status: "processed" | "duplicate"; kind: CrewWebhookKind };

/** Compares a presented secret with the stored hash in constant time. */
function tokenMatches(token: string | null, storedHash: string | null): boolean {
  if (!token || !storedHash || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(hashWebhookSecret(token), "hex"), Buffer.from(storedHash, "hex"));
}

function inferKind(body: unknown): CrewWebhookKind {
  const b = (body ?? {}) as Record<string, unknown>;
  if ("result" in b || "token_usage" in b) return "crew";
  if ("output" in b || "expected_output" in b) return "task";
  return "step";
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

/**
 * Moves a running job forward to the phase that follows a finished task of the crew contract (never
 * backwards, never a job that is not running); returns the phase when the job moved.
 */
async function advanceToPhaseAfter(tx: DbTx, jobId: string, taskName: string | null | undefined) {
  const phase = phaseAfterTask(taskName);
  if (!phase) return undefined;
  const { count } = await tx.bookJob.updateMany({
    where: { id: jobId, status: { in: statusesBefore(phase) } },
    data: { status: phase },
  });
  return count > 0 ? phase : undefined;
}

/** Why a crew result breaks the book contract, or undefined when it follows it. */
function contractProblem(result: string): string | undefined {
  try {
    readCrewBook(result);
    return undefined;
  } catch (error) {
    if (error instanceof EngineError) return error.message;
    throw error;
  }
}

/**
 * Applies one CrewAI webhook delivery to its job. The per-job secret is checked in constant time against
 * the stored hash (401 otherwise, whether or not the job exists); the delivery's kind and exact body form
 * its idempotency key in WebhookEvent, recorded in the same transaction as its effect, so a replayed or
 * duplicated delivery changes nothing. Step and task deliveries update the live progress, and a task of the
 * crew contract moves the job to its next phase; the crew delivery saves the final chapters when they follow
 * the contract (the pipeline then finalizes the book).
 */
export async function handleCrewAiWebhook(db: Db, delivery: CrewWebhookDelivery): Promise<CrewWebhookResult> {
  const job = await db.bookJob.findUnique({ where: { id: delivery.jobId } });
  const authentic = job !== null && job.engine === "crewai" && tokenMatches(delivery.token, job.webhookSecretHash);
  if (!authentic) {
    throw new AppError("UNAUTHENTICATED", "Unknown job or invalid webhook token");
  }
  let body: unknown;
  try {
    body = JSON.parse(delivery.rawBody);
  } catch {
    throw new AppError("INVALID_JSON", "The webhook body is not valid JSON");
  }
  const kind: CrewWebhookKind =
    delivery.kind === "task" || delivery.kind === "step" || delivery.kind === "crew" ? delivery.kind : inferKind(body);
  const webhook: CrewWebhook = parseCrewWebhook(kind, body);
  if (job.externalJobId && webhook.payload.kickoff_id !== job.externalJobId) {
    throw new AppError("CONFLICT", "The delivery belongs to another crew run", { field: "kickoff_id" });
  }
  const digest = createHash("sha256").update(delivery.rawBody).digest("hex");
  const eventKey = `${job.id}:${kind}:${digest}`;

  try {
    await db.$transaction(async (tx) => {
      await tx.webhookEvent.create({
        data: { provider: "crewai", eventKey, payload: body as Prisma.InputJsonValue },
      });
      if (job.status === "COMPLETED" || job.status === "FAILED") return;
      if (webhook.kind === "step") {
        const thought = text(webhook.payload.thought) || text(webhook.payload.result);
        await recordProgress(tx, job.id, { message: "CrewAI: working", recentText: tail(thought) });
      } else if (webhook.kind === "task") {
        const name = text(webhook.payload.name) || text(webhook.payload.description) || "a task";
        const phase = await advanceToPhaseAfter(tx, job.id, webhook.payload.name);
        await recordProgress(tx, job.id, {
          ...(phase ? { state: phase } : {}),
          message: `CrewAI: finished ${name}`.slice(0, 300),
          recentText: tail(text(webhook.payload.output)),
        });
      } else if (webhook.payload.result) {
        const problem = contractProblem(webhook.payload.result);
        if (problem) {
          // Acknowledged (a 4xx would only make the platform send it again); the pipeline's status poll
          // reads the same result and fails the job with this reason.
          await recordProgress(tx, job.id, { message: `CrewAI: ${problem}`.slice(0, 300) });
          return;
        }
        await saveCrewResult(tx, job, webhook.payload.result, crewWebhookUsage(webhook.payload));
        await recordProgress(tx, job.id, { message: "CrewAI: the crew finished, assembling the book" });
      }
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { status: "duplicate", kind };
    }
    throw error;
  }
  return { status: "processed", kind };
}
