import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody } from "./request-body";

/**
 * A loopback fake of a crew deployed on CrewAI AMP that answers only what the platform documents
 * (crewAI docs/enterprise-api.en.yaml and the "Webhook Output Examples"; checked by
 * tests/contracts/crewai.test.ts): `GET /` ("Healthy%"), `GET /inputs`, `POST /kickoff` → `{ kickoff_id }`,
 * `GET /status/{id}` (or `/{id}/status`), `POST /stop/{id}`, bearer-token auth, 422 on missing inputs.
 *
 * The run follows the book crew contract (docs/crew/contract.md): its tasks run one per status read
 * (deterministic, no timers); the status says `running` with the current task's name and the task counts,
 * then `completed` with the last task's output as the result (or `error`). Webhooks are posted as the
 * platform posts them: a step delivery while a task runs, a task delivery when it ends, the crew delivery
 * at the end, each echoing `meta`.
 *
 * A kickoff with `mode: "coherence_review"` (the crew contract's review) runs the single task
 * `review_coherence`, whose output (the run's result) is the findings JSON `review` gives for its inputs.
 */

export interface CrewAiFakeBehaviour {
  token: string;
  /** Inputs the crew requires (GET /inputs, and 422 when a kickoff lacks one). */
  inputs: string[];
  /** The final output of a successful run: the output of its last task. */
  markdown: string;
  /**
   * The crew's tasks in order (default: the book crew contract's outline_book, write_chapters and
   * assemble_book, the last one returning `markdown`). A task without `output` returns `markdown`.
   */
  tasks?: { name: string; output?: string }[];
  /** When set, the run ends in error with this message. */
  failRun?: string;
  /**
   * `status` = the documented shape (running / completed with `result: { output, tasks }` / error);
   * `state` = a deployment answering with a Celery `state` (PENDING, STARTED, SUCCESS, FAILURE, REVOKED)
   * and `result` as a plain string.
   */
  statusField: "status" | "state";
  /** Which status route exists. */
  statusPath: "status-first" | "id-first";
  /** When set, POST /kickoff answers this HTTP status. */
  failKickoff?: number;
  /**
   * The result of a review run (`mode: "coherence_review"`): the findings JSON as the crew's last task
   * returns it, from the kickoff's inputs (`outline`, `excerpts`, `language`…). Default: no findings.
   */
  review: (inputs: Record<string, string>) => string;
  /** Review runs stay `running` for this many status reads before their task ends (default 0). */
  reviewPolls?: number;
}

export interface CrewRecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON bodies are inspected freely by tests.
  body: any;
}

export interface CrewWebhookDelivery {
  kind: "task" | "step" | "crew";
  url: string;
  body: Record<string, unknown>;
  status?: number;
  error?: string;
}

export interface CrewRecordedResponse {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface CrewAiFake {
  url: string;
  requests: CrewRecordedRequest[];
  /** Every JSON answer the fake gave, for the contract tests. */
  responses: CrewRecordedResponse[];
  webhookDeliveries: CrewWebhookDelivery[];
  setBehaviour(behaviour: Partial<CrewAiFakeBehaviour>): void;
  /** Resolves once every webhook posted so far has been answered (or failed). */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

export const defaultCrewInputs = [
  "title",
  "topic",
  "goal",
  "audience",
  "language",
  "tone",
  "target_chapters",
  "target_words",
  "mode",
  "outline",
  "excerpts",
];

export const defaultCrewMarkdown = [
  "# The Quiet Workshop",
  "",
  "## Chapter 1: Opening the Door",
  "",
  "Ada opens the workshop for the first time. The tools are old, but they still work.",
  "",
  "## Chapter 2: Learning the Tools",
  "",
  "Each tool has a story. Ada learns them one by one.",
  "",
  "### A note on chisels",
  "",
  "Sharp chisels are safer than blunt ones.",
  "",
  "## Chapter 3: The First Piece",
  "",
  "At last, Ada builds a small stool. It wobbles, and that is fine.",
].join("\n");

interface Run {
  id: string;
  /** Tasks finished so far; equal to the task count once the run completed. */
  position: number;
  announced: number;
  stopped: boolean;
  body: {
    inputs: Record<string, string>;
    meta?: unknown;
    taskWebhookUrl?: string;
    stepWebhookUrl?: string;
    crewWebhookUrl?: string;
  };
}

/** The outline the default crew's first task returns: one line per chapter heading of the book. */
function outlineOf(markdown: string): string {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("## "))
    .map((line, i) => `${i + 1}. ${line.slice(3).trim()}`)
    .join("\n");
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startCrewAiFake(initial: Partial<CrewAiFakeBehaviour> = {}): Promise<CrewAiFake> {
  let behaviour: CrewAiFakeBehaviour = {
    token: "crew-token",
    inputs: defaultCrewInputs,
    markdown: defaultCrewMarkdown,
    statusField: "status",
    statusPath: "status-first",
    review: () => JSON.stringify({ findings: [] }),
    ...initial,
  };
  const requests: CrewRecordedRequest[] = [];
  const responses: CrewRecordedResponse[] = [];
  const webhookDeliveries: CrewWebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();
  const runs = new Map<string, Run>();

  const tasks = (run: Run): { name: string; output: string }[] => {
    if (run.body.inputs.mode === "coherence_review") {
      const review = { name: "review_coherence", output: behaviour.review(run.body.inputs) };
      // A slow review: the same task reported running for several reads, as a long crew task is.
      return [...Array.from({ length: behaviour.reviewPolls ?? 0 }, () => review), review];
    }
    const chapters = behaviour.markdown.replace(/^# .*\n+/, "");
    const list = behaviour.tasks ?? [
      { name: "outline_book", output: outlineOf(behaviour.markdown) },
      { name: "write_chapters", output: chapters },
      { name: "assemble_book" },
    ];
    return list.map((task) => ({ name: task.name, output: task.output ?? behaviour.markdown }));
  };

  const post = (kind: CrewWebhookDelivery["kind"], url: string | undefined, body: Record<string, unknown>) => {
    if (!url) return;
    const delivery: CrewWebhookDelivery = { kind, url, body };
    webhookDeliveries.push(delivery);
    const promise = fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
      .then(async (response) => {
        delivery.status = response.status;
        await response.arrayBuffer();
      })
      .catch((error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => pending.delete(promise));
    pending.add(promise);
  };

  const json = (req: IncomingMessage, res: ServerResponse, path: string, status: number, body: unknown) => {
    responses.push({ method: req.method ?? "GET", path, status, body });
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  /** Fires the webhooks a real crew sends on reaching `position`: the finished task, then the next step or the end. */
  const announce = (run: Run, position: number) => {
    const meta = run.body.meta;
    const list = tasks(run);
    const finished = list[position - 1];
    if (finished && !(behaviour.failRun && position === list.length)) {
      post("task", run.body.taskWebhookUrl, {
        description: `Do the ${finished.name} task for "${run.body.inputs.title ?? ""}"`,
        name: finished.name,
        expected_output: "Markdown",
        summary: finished.output.slice(0, 80),
        agent: "Author",
        output: finished.output,
        kickoff_id: run.id,
        meta,
      });
    }
    const current = list[position];
    if (current) {
      post("step", run.body.stepWebhookUrl, {
        prompt: `Do the ${current.name} task`,
        thought: `Working on ${current.name}`,
        tool: "write_tool",
        tool_input: String(position),
        result: `Progress ${position}/${list.length}`,
        kickoff_id: run.id,
        meta,
      });
      return;
    }
    if (behaviour.failRun) return;
    post("crew", run.body.crewWebhookUrl, {
      kickoff_id: run.id,
      result: list[list.length - 1]!.output,
      token_usage: { total_tokens: 1250, prompt_tokens: 800, completion_tokens: 450 },
      meta,
    });
  };

  const statusBody = (run: Run) => {
    const list = tasks(run);
    const done = run.position >= list.length;
    if (behaviour.statusField === "state") {
      if (run.stopped) return { state: "REVOKED", result: null };
      if (!done) return { state: run.position === 0 ? "PENDING" : "STARTED", result: null };
      if (behaviour.failRun) return { state: "FAILURE", result: behaviour.failRun };
      return { state: "SUCCESS", result: list[list.length - 1]!.output };
    }
    // The published spec does not say what the status reports after a stop; its only failure shape is `error`.
    if (run.stopped) return { status: "error", error: "Execution stopped", execution_time: 0.5 };
    if (!done) {
      return {
        status: "running",
        current_task: list[run.position]!.name,
        progress: { completed_tasks: run.position, total_tasks: list.length },
      };
    }
    if (behaviour.failRun) return { status: "error", error: behaviour.failRun, execution_time: 1.5 };
    return {
      status: "completed",
      result: {
        output: list[list.length - 1]!.output,
        tasks: list.map((task) => ({ task_id: task.name, output: task.output, agent: "Author", execution_time: 0.5 })),
      },
      execution_time: 3.2,
    };
  };

  const server = createServer(async (req, res) => {
    const body = await readJsonBody(req);
    const path = (req.url ?? "/").split("?")[0]!;
    if (!body) {
      json(req, res, path, 400, { error: "Bad Request", message: "Body is not valid JSON" });
      return;
    }
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });

    if (req.headers.authorization !== `Bearer ${behaviour.token}`) {
      json(req, res, path, 401, { error: "Unauthorized", message: "Invalid or missing bearer token" });
      return;
    }
    if (req.method === "GET" && path === "/") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("Healthy%");
      return;
    }
    if (req.method === "GET" && path === "/inputs") {
      json(req, res, path, 200, { inputs: behaviour.inputs });
      return;
    }
    if (req.method === "POST" && path === "/kickoff") {
      if (behaviour.failKickoff) {
        json(req, res, path, behaviour.failKickoff, {
          error: "Internal Server Error",
          message: "An unexpected error occurred",
        });
        return;
      }
      const inputs = body.inputs;
      if (!inputs || typeof inputs !== "object") {
        json(req, res, path, 400, { error: "Bad Request", message: "inputs is required" });
        return;
      }
      const missing = behaviour.inputs.filter((name) => !(name in inputs));
      if (missing.length) {
        json(req, res, path, 422, {
          error: "Validation Error",
          message: "Missing required inputs",
          details: { missing_inputs: missing },
        });
        return;
      }
      const run: Run = { id: randomUUID(), position: 0, announced: -1, stopped: false, body: body as Run["body"] };
      runs.set(run.id, run);
      json(req, res, path, 200, { kickoff_id: run.id });
      return;
    }
    const notFound = (id: string) =>
      json(req, res, path, 404, { error: "Execution not found", message: `No execution found with ID: ${id}` });
    const stopMatch = /^\/stop\/([^/]+)$/.exec(path);
    if (req.method === "POST" && stopMatch) {
      const id = decodeURIComponent(stopMatch[1]!);
      const run = runs.get(id);
      if (!run) return notFound(id);
      if (run.stopped || run.position >= tasks(run).length) {
        const state = run.stopped ? "REVOKED" : behaviour.failRun ? "FAILURE" : "SUCCESS";
        json(req, res, path, 400, { detail: `Cannot stop execution. Current state: ${state}` });
        return;
      }
      run.stopped = true;
      json(req, res, path, 200, { status: "stopped", kickoffId: id });
      return;
    }
    const statusMatch =
      behaviour.statusPath === "status-first" ? /^\/status\/([^/]+)$/.exec(path) : /^\/([^/]+)\/status$/.exec(path);
    if (req.method === "GET" && statusMatch) {
      const id = decodeURIComponent(statusMatch[1]!);
      const run = runs.get(id);
      if (!run) return notFound(id);
      const answer = statusBody(run);
      if (!run.stopped && run.announced < run.position) {
        run.announced = run.position;
        announce(run, run.position);
      }
      if (!run.stopped) run.position = Math.min(run.position + 1, tasks(run).length);
      json(req, res, path, 200, answer);
      return;
    }
    json(req, res, path, 404, { error: "Not Found", message: `No route for ${req.method} ${path}` });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    responses,
    webhookDeliveries,
    setBehaviour(partial) {
      behaviour = { ...behaviour, ...partial };
    },
    async flushWebhooks() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
