import type { Dispatcher } from "undici";
import { z } from "zod";
import { guardedDispatcher } from "@/lib/guarded-agents";
import { type CrewPhase, crewModes, phaseWhileRunning } from "./crewai-contract";
import { type EngineRequestInit, retryingFetch, type RetryPolicy, sanitizeReason, sleep } from "./retrying-fetch";
import { type BookBrief, EngineError } from "./writing-engine";

/*
 * Client for a crew deployed on CrewAI AMP (formerly CrewAI Enterprise): every deployed crew is its own
 * REST API at https://<crew>.crewai.com with a per-crew bearer token.
 *
 * What CrewAI documents (docs.crewai.com: "Use Crew API", "Kickoff Crew", API reference for /kickoff and
 * /status, "Webhook output examples"), checked while writing this file:
 *  - GET  /inputs                → { "inputs": ["topic", "current_year"] }  (names the crew interpolates)
 *  - POST /kickoff               body { inputs: {k: string}, meta?: {...}, taskWebhookUrl?, stepWebhookUrl?,
 *                                crewWebhookUrl? } → 200 { "kickoff_id": "<uuid>" }; 400/401 { error, message };
 *                                422 { error: "Validation Error", message, details: { missing_inputs: [...] } }.
 *  - GET  /status/{kickoff_id}   (the guides; the newest OpenAPI page writes /{kickoff_id}/status, so we try
 *                                the first and fall back to the second on 404, remembering what worked)
 *                                → running:   { status: "running", current_task, progress: { completed_tasks,
 *                                               total_tasks } }
 *                                → completed: { status: "completed", result: { output, tasks: [{ task_id,
 *                                               output, agent, execution_time }] }, execution_time }
 *                                → error:     { status: "error", error, execution_time }
 *    Deployed crews have also been seen answering with a Celery-style `state` (PENDING, STARTED, SUCCESS,
 *    FAILURE, REVOKED) and `result` as a plain string, so both `state` and `status`, and both result shapes,
 *    are read. Neither reports the book's phases: those come from the crew contract (crewai-contract.ts).
 *  - POST /stop/{kickoff_id}     → 200 { status: "stopped", kickoffId }; 400 { detail } once the run ended
 *                                (SUCCESS, FAILURE, REVOKED); 404 for an unknown id. Called on cancel.
 *  - Webhooks (no signature is documented; `meta` from the kickoff is echoed in every payload):
 *      task → { kickoff_id, name, description, expected_output, summary, agent, output, output_json?, meta }
 *      step → { kickoff_id, prompt, thought, tool, tool_input, result, meta }
 *      crew → { kickoff_id, result, result_json?, token_usage: { total_tokens, prompt_tokens,
 *               completion_tokens }, meta }
 *    Because they are unsigned, the pipeline must authenticate them with a per-job secret carried in the
 *    webhook URL it passes at kickoff (BookJob.webhookSecretHash stores its hash). Schemas: crewai-webhooks.ts.
 *  - The newer "webhook streaming" (`webhooks: { events, url, realtime, authentication }`, deliveries
 *    `{ events: [{ id, execution_id, timestamp, type, data }] }`) is parsed by crewai-webhooks.ts too,
 *    but not requested by default.
 */

/** Where a crew run stands, as the platform reports it (the book's phase comes from the crew contract). */
export type CrewRunState = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";

/**
 * Raw state → run state, keys lower-cased. Only values the platform sends: the status endpoint's
 * documented `status` (running / completed / error, enterprise-api.en.yaml ExecutionRunning /
 * ExecutionCompleted / ExecutionError), and the Celery task states a deployment reports in `state`
 * (the stop endpoint names SUCCESS, FAILURE and REVOKED as terminal; PENDING, RECEIVED, STARTED and RETRY
 * are Celery's others). "awaiting_human_feedback" is not mapped on purpose: the book crew has no
 * human-in-the-loop step, so it is reported as an unknown state.
 */
const crewStateMap: Record<string, CrewRunState> = {
  running: "RUNNING",
  completed: "COMPLETED",
  error: "FAILED",
  pending: "PENDING",
  received: "PENDING",
  started: "RUNNING",
  retry: "RUNNING",
  success: "COMPLETED",
  failure: "FAILED",
  revoked: "FAILED",
};

/** Every raw state `mapCrewStatus` understands (lower case), for tests and docs. */
export const knownCrewStates = Object.keys(crewStateMap);

/** Maps a CrewAI state (case-insensitive) to the run state; throws on an unknown state. */
export function mapCrewStatus(raw: string): CrewRunState {
  const state = crewStateMap[raw.trim().toLowerCase()];
  if (!state) throw new EngineError("INVALID_RESPONSE", `Unknown CrewAI state "${raw}"`);
  return state;
}

export const crewAiSettingsSchema = z.object({
  /** The deployed crew's URL, e.g. https://my-book-crew.crewai.com */
  baseUrl: z.string().trim().url(),
  /** The crew's bearer token (Status tab of the crew in the AMP dashboard). */
  token: z.string().trim().min(1),
  requestTimeoutMs: z.number().int().min(100).default(30_000),
  maxRetries: z.number().int().min(0).max(10).default(3),
  retryBaseDelayMs: z.number().int().min(0).default(500),
  pollIntervalMs: z.number().int().min(1).default(5_000),
  /** How long a coherence review run may take before we stop it (a check must not hang on a crew). */
  reviewTimeoutMs: z
    .number()
    .int()
    .min(1)
    .default(10 * 60 * 1000),
  /** How long a whole book run may take before we stop waiting. */
  runTimeoutMs: z
    .number()
    .int()
    .min(1)
    .default(2 * 60 * 60 * 1000),
  /** Set for a URL an organization typed (SSRF guard): connect only to public addresses, checked at connect time. */
  refusePrivateAddresses: z.boolean().default(false),
});
export type CrewAiSettings = z.input<typeof crewAiSettingsSchema>;

export interface CrewKickoffRequest {
  inputs: Record<string, string>;
  /** Echoed by CrewAI in every webhook payload (we put the job id there). */
  meta?: Record<string, unknown>;
  taskWebhookUrl?: string;
  stepWebhookUrl?: string;
  crewWebhookUrl?: string;
}

export interface CrewStatusSnapshot {
  status: CrewRunState;
  /** The book's phase while the run is RUNNING, read from the task names of the crew contract. */
  phase?: CrewPhase;
  /** The state string as the platform sent it. */
  rawStatus: string;
  /** Final Markdown (on COMPLETED). */
  output?: string;
  error?: string;
  currentTask?: string;
  progress?: { completedTasks: number; totalTasks: number };
}

/**
 * The crew inputs a Scriptorium book crew expects: every brief field, as strings (CrewAI interpolates text),
 * and the mode inputs of the crew contract (a book run: `mode: "write_book"`, no outline or excerpts).
 */
export function crewInputsFromBrief(brief: BookBrief): Record<string, string> {
  return {
    title: brief.title,
    topic: brief.topic,
    goal: brief.goal,
    audience: brief.audience ?? "",
    language: brief.language,
    tone: brief.tone ?? "",
    target_chapters: String(brief.targetChapters),
    target_words: String(brief.targetWords),
    mode: crewModes.writeBook,
    outline: "",
    excerpts: "",
  };
}

/** What a coherence review sends the crew: the book's outline and chapter excerpts, as the OpenAI path does. */
export interface CrewReviewRequest {
  title: string;
  /** Language code of the book ("en", "fr"): the findings' messages are written in it. */
  language: string;
  /** One line per chapter: "order. title — synopsis". */
  outline: string;
  /** The opening and closing paragraphs of each chapter, under "### Chapter n: title" headings. */
  excerpts: string;
}

/**
 * The inputs of a review kickoff: the brief's names too (empty but for title and language), so a crew whose
 * GET /inputs lists them accepts the kickoff and its book tasks' placeholders interpolate.
 */
export function crewReviewInputs(request: CrewReviewRequest): Record<string, string> {
  return {
    title: request.title,
    topic: "",
    goal: "",
    audience: "",
    language: request.language,
    tone: "",
    target_chapters: "",
    target_words: "",
    mode: crewModes.coherenceReview,
    outline: request.outline,
    excerpts: request.excerpts,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value : undefined;
}

/** Reads a status body of any shape CrewAI uses (documented `status`, or Celery-style `state`). */
export function parseCrewStatus(body: unknown): CrewStatusSnapshot {
  if (!body || typeof body !== "object")
    throw new EngineError("INVALID_RESPONSE", "CrewAI status is not a JSON object");
  const b = body as Record<string, unknown>;
  const candidates = [b.state, b.status].filter((v): v is string => typeof v === "string");
  const rawStatus = candidates.find((c) => crewStateMap[c.trim().toLowerCase()]) ?? candidates[0];
  if (!rawStatus) throw new EngineError("INVALID_RESPONSE", "CrewAI status has neither `status` nor `state`");
  const status = mapCrewStatus(rawStatus);

  const result = b.result;
  let output = text(result);
  if (!output && result && typeof result === "object") {
    const r = result as Record<string, unknown>;
    output = text(r.output) ?? text(r.raw);
  }
  const progress = b.progress as { completed_tasks?: unknown; total_tasks?: unknown } | undefined;
  const currentTask = text(b.current_task);
  const completedTasks = typeof progress?.completed_tasks === "number" ? progress.completed_tasks : undefined;
  return {
    status,
    phase: status === "RUNNING" ? phaseWhileRunning(currentTask, completedTasks) : undefined,
    rawStatus,
    output,
    // Kept short and on one line: it becomes the job's error, shown to the organization.
    error:
      status === "FAILED"
        ? sanitizeReason(text(b.error) ?? text(b.message) ?? output ?? "The crew run failed")
        : undefined,
    currentTask,
    progress:
      progress && typeof progress.completed_tasks === "number" && typeof progress.total_tasks === "number"
        ? { completedTasks: progress.completed_tasks, totalTasks: progress.total_tasks }
        : undefined,
  };
}

const provider = "CrewAI";

/** Talks to one deployed crew: inputs, kickoff, status, and polling until the run ends. */
export class CrewAiClient {
  private readonly settings: z.output<typeof crewAiSettingsSchema>;
  private statusPathStyle: "status-first" | "id-first" = "status-first";
  private readonly dispatcher?: Dispatcher;

  constructor(settings: CrewAiSettings) {
    this.settings = crewAiSettingsSchema.parse(settings);
    if (this.settings.refusePrivateAddresses) this.dispatcher = guardedDispatcher();
  }

  /** How long a coherence review may run (settings.reviewTimeoutMs). */
  get reviewTimeoutMs(): number {
    return this.settings.reviewTimeoutMs;
  }

  private url(path: string): string {
    return `${this.settings.baseUrl.replace(/\/+$/, "")}${path}`;
  }

  private policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
    return {
      maxRetries: this.settings.maxRetries,
      timeoutMs: this.settings.requestTimeoutMs,
      baseDelayMs: this.settings.retryBaseDelayMs,
      ...overrides,
    };
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.settings.token}`, accept: "application/json" };
  }

  private async json(path: string, init: RequestInit, policy: RetryPolicy, signal?: AbortSignal): Promise<unknown> {
    const guarded: EngineRequestInit = { ...init, dispatcher: this.dispatcher };
    const { response, classify } = await retryingFetch(provider, this.url(path), guarded, policy, signal);
    try {
      return await response.json();
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new EngineError("INVALID_RESPONSE", `${provider} sent a response that is not JSON (${path})`, {
          retryable: true,
        });
      }
      throw classify(error);
    }
  }

  /** The input names the crew interpolates (GET /inputs). */
  async inputs(signal?: AbortSignal): Promise<string[]> {
    const body = (await this.json("/inputs", { headers: this.headers() }, this.policy(), signal)) as {
      inputs?: unknown;
    };
    if (!Array.isArray(body.inputs)) throw new EngineError("INVALID_RESPONSE", "CrewAI /inputs has no `inputs` list");
    return body.inputs.filter((i): i is string => typeof i === "string");
  }

  /**
   * Starts a run (POST /kickoff). Kickoff is not idempotent, so it is retried only when the platform
   * clearly did not start anything (429 and gateway errors), never after an ambiguous network failure.
   */
  async kickoff(request: CrewKickoffRequest, signal?: AbortSignal): Promise<{ kickoffId: string }> {
    const body: Record<string, unknown> = { inputs: request.inputs };
    if (request.meta) body.meta = request.meta;
    if (request.taskWebhookUrl) body.taskWebhookUrl = request.taskWebhookUrl;
    if (request.stepWebhookUrl) body.stepWebhookUrl = request.stepWebhookUrl;
    if (request.crewWebhookUrl) body.crewWebhookUrl = request.crewWebhookUrl;
    const json = (await this.json(
      "/kickoff",
      {
        method: "POST",
        headers: { ...this.headers(), "content-type": "application/json" },
        body: JSON.stringify(body),
      },
      this.policy({ retryStatus: (s) => s === 429 || s === 502 || s === 503 || s === 504, retryNetworkErrors: false }),
      signal,
    )) as { kickoff_id?: unknown };
    const kickoffId = text(json.kickoff_id);
    if (!kickoffId) throw new EngineError("INVALID_RESPONSE", "CrewAI /kickoff answered without a kickoff_id");
    return { kickoffId };
  }

  /** One status read (GET /status/{id}, or /{id}/status on deployments using the newer path). */
  async status(kickoffId: string, signal?: AbortSignal): Promise<CrewStatusSnapshot> {
    const id = encodeURIComponent(kickoffId);
    const paths = { "status-first": `/status/${id}`, "id-first": `/${id}/status` };
    const init = { headers: this.headers() };
    try {
      return parseCrewStatus(await this.json(paths[this.statusPathStyle], init, this.policy(), signal));
    } catch (error) {
      if (!(error instanceof EngineError && error.status === 404)) throw error;
      const other = this.statusPathStyle === "status-first" ? "id-first" : "status-first";
      const snapshot = parseCrewStatus(await this.json(paths[other], init, this.policy(), signal));
      this.statusPathStyle = other;
      return snapshot;
    }
  }

  /**
   * Stops a run (POST /stop/{kickoff_id}, documented answer `{ status: "stopped", kickoffId }`) so a
   * cancelled book stops spending. Returns false when there was nothing to stop: 400 means the run already
   * ended (SUCCESS, FAILURE or REVOKED), 404 that the platform does not know it.
   */
  async stop(kickoffId: string, signal?: AbortSignal): Promise<boolean> {
    const init = { method: "POST", headers: this.headers() };
    try {
      await this.json(`/stop/${encodeURIComponent(kickoffId)}`, init, this.policy(), signal);
      return true;
    } catch (error) {
      if (error instanceof EngineError && (error.status === 400 || error.status === 404)) return false;
      throw error;
    }
  }

  /**
   * Polls until the run completes (returns the final snapshot, with its Markdown) or fails (throws
   * CREW_FAILED). `onStatus` fires whenever the state or progress changes, for job progress updates.
   */
  async waitForCompletion(
    kickoffId: string,
    options: { onStatus?: (snapshot: CrewStatusSnapshot) => void; timeoutMs?: number } = {},
    signal?: AbortSignal,
  ): Promise<CrewStatusSnapshot> {
    const timeoutMs = options.timeoutMs ?? this.settings.runTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    let last = "";
    for (;;) {
      const snapshot = await this.status(kickoffId, signal);
      const key = `${snapshot.rawStatus}|${snapshot.currentTask ?? ""}|${snapshot.progress?.completedTasks ?? ""}`;
      if (key !== last) {
        last = key;
        options.onStatus?.(snapshot);
      }
      if (snapshot.status === "FAILED") {
        throw new EngineError("CREW_FAILED", `The CrewAI run ${kickoffId} failed: ${snapshot.error}`);
      }
      if (snapshot.status === "COMPLETED") {
        if (!snapshot.output) {
          throw new EngineError("CREW_RESULT_MISSING", `The CrewAI run ${kickoffId} completed without any output`);
        }
        return snapshot;
      }
      if (Date.now() + this.settings.pollIntervalMs > deadline) {
        throw new EngineError(
          "CREW_TIMEOUT",
          `The CrewAI run ${kickoffId} did not finish within ${Math.round(timeoutMs / 1000)} s`,
        );
      }
      await sleep(this.settings.pollIntervalMs, signal);
    }
  }
}
