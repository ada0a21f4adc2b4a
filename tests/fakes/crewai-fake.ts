import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody } from "./request-body";

/**
 * A loopback fake of a crew deployed on CrewAI AMP: `GET /` ("Healthy%"), `GET /inputs`,
 * `POST /kickoff` → `{ kickoff_id }`, `GET /status/{id}` (or `/{id}/status`), bearer-token auth, 422 on
 * missing inputs. Each status read advances the run by one state (deterministic, no timers), and the fake
 * posts the documented task/step/crew webhook payloads to the URLs given at kickoff, echoing `meta`.
 */

export interface CrewAiFakeBehaviour {
  token: string;
  /** Inputs the crew requires (GET /inputs, and 422 when a kickoff lacks one). */
  inputs: string[];
  /** The final output of a successful run. */
  markdown: string;
  /** States returned by successive status reads; the last one is terminal. */
  states: string[];
  /** When set, the run ends in `failState` with this error message. */
  failRun?: string;
  failState: string;
  /** `status` = documented shape (`result: { output }`); `state` = Celery-style (`result` as a string). */
  statusField: "status" | "state";
  /** Which status route exists. */
  statusPath: "status-first" | "id-first";
  /** When set, POST /kickoff answers this HTTP status. */
  failKickoff?: number;
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

export interface CrewAiFake {
  url: string;
  requests: CrewRecordedRequest[];
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
  position: number;
  announced: number;
  body: {
    inputs: Record<string, string>;
    meta?: unknown;
    taskWebhookUrl?: string;
    stepWebhookUrl?: string;
    crewWebhookUrl?: string;
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Splits the fake's Markdown at `## ` headings to produce one task webhook per chapter. */
function sections(markdown: string): { name: string; output: string }[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [first, ...rest] = part.split("\n");
      return { name: first!.trim(), output: rest.join("\n").trim() };
    });
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startCrewAiFake(initial: Partial<CrewAiFakeBehaviour> = {}): Promise<CrewAiFake> {
  let behaviour: CrewAiFakeBehaviour = {
    token: "crew-token",
    inputs: defaultCrewInputs,
    markdown: defaultCrewMarkdown,
    states: ["pending", "generating_outline", "writing_chapters", "finalizing", "completed"],
    failState: "failed",
    statusField: "status",
    statusPath: "status-first",
    ...initial,
  };
  const requests: CrewRecordedRequest[] = [];
  const webhookDeliveries: CrewWebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();
  const runs = new Map<string, Run>();

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

  const terminalState = () =>
    behaviour.failRun ? behaviour.failState : behaviour.states[behaviour.states.length - 1]!;
  const stateAt = (position: number) =>
    position >= behaviour.states.length - 1 ? terminalState() : behaviour.states[position]!;

  /** Fires the webhooks a real crew would send on reaching `position`. */
  const announce = (run: Run, position: number) => {
    const meta = run.body.meta;
    const last = behaviour.states.length - 1;
    if (position < last) {
      post("step", run.body.stepWebhookUrl, {
        prompt: `Write the book "${run.body.inputs.title ?? ""}"`,
        thought: `Now in state ${stateAt(position)}`,
        tool: "write_tool",
        tool_input: String(position),
        result: `Progress ${position}/${last}`,
        kickoff_id: run.id,
        meta,
      });
      return;
    }
    if (behaviour.failRun) return;
    for (const section of sections(behaviour.markdown)) {
      post("task", run.body.taskWebhookUrl, {
        description: `Write the chapter "${section.name}"`,
        name: section.name,
        expected_output: "One chapter in Markdown",
        summary: section.output.slice(0, 80),
        agent: "Author",
        output: section.output,
        output_json: null,
        kickoff_id: run.id,
        meta,
      });
    }
    post("crew", run.body.crewWebhookUrl, {
      kickoff_id: run.id,
      result: behaviour.markdown,
      result_json: null,
      token_usage: { total_tokens: 1250, prompt_tokens: 800, completion_tokens: 450 },
      meta,
    });
  };

  const statusBody = (run: Run) => {
    const state = stateAt(run.position);
    const last = behaviour.states.length - 1;
    const done = run.position >= last;
    if (behaviour.statusField === "state") {
      return {
        state,
        status: done ? (behaviour.failRun ? "Crew failed" : "Crew finished") : "Crew running",
        result: done ? (behaviour.failRun ?? behaviour.markdown) : null,
        last_executed_task: done ? null : { name: `step_${run.position}` },
      };
    }
    if (!done) {
      return {
        status: state,
        current_task: `task_${run.position}`,
        progress: { completed_tasks: run.position, total_tasks: last },
      };
    }
    if (behaviour.failRun) return { status: state, error: behaviour.failRun, execution_time: 1.5 };
    return {
      status: state,
      result: {
        output: behaviour.markdown,
        tasks: sections(behaviour.markdown).map((s, i) => ({
          task_id: `chapter_${i + 1}`,
          output: s.output,
          agent: "Author",
          execution_time: 0.5,
        })),
      },
      execution_time: 3.2,
    };
  };

  const server = createServer(async (req, res) => {
    const body = await readJsonBody(req);
    if (!body) {
      json(res, 400, { error: "Bad Request", message: "Body is not valid JSON" });
      return;
    }
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });

    if (req.headers.authorization !== `Bearer ${behaviour.token}`) {
      json(res, 401, { error: "Unauthorized", message: "Invalid or missing bearer token" });
      return;
    }
    if (req.method === "GET" && path === "/") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("Healthy%");
      return;
    }
    if (req.method === "GET" && path === "/inputs") {
      json(res, 200, { inputs: behaviour.inputs });
      return;
    }
    if (req.method === "POST" && path === "/kickoff") {
      if (behaviour.failKickoff) {
        json(res, behaviour.failKickoff, { error: "Internal Server Error", message: "An unexpected error occurred" });
        return;
      }
      const inputs = body.inputs;
      if (!inputs || typeof inputs !== "object") {
        json(res, 400, { error: "Bad Request", message: "inputs is required" });
        return;
      }
      const missing = behaviour.inputs.filter((name) => !(name in inputs));
      if (missing.length) {
        json(res, 422, {
          error: "Validation Error",
          message: "Missing required inputs",
          details: { missing_inputs: missing },
        });
        return;
      }
      const run: Run = { id: randomUUID(), position: 0, announced: -1, body: body as Run["body"] };
      runs.set(run.id, run);
      json(res, 200, { kickoff_id: run.id });
      return;
    }
    const statusMatch =
      behaviour.statusPath === "status-first" ? /^\/status\/([^/]+)$/.exec(path) : /^\/([^/]+)\/status$/.exec(path);
    if (req.method === "GET" && statusMatch) {
      const id = decodeURIComponent(statusMatch[1]!);
      const run = runs.get(id);
      if (!run) {
        json(res, 404, { error: "Execution not found", message: `No execution found with ID: ${id}` });
        return;
      }
      const answer = statusBody(run);
      if (run.announced < run.position) {
        run.announced = run.position;
        announce(run, run.position);
      }
      run.position = Math.min(run.position + 1, behaviour.states.length - 1);
      json(res, 200, answer);
      return;
    }
    json(res, 404, { error: "Not Found", message: `No route for ${req.method} ${path}` });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
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
