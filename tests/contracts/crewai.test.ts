import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CrewAiClient, parseCrewStatus } from "@/engines/crewai-client";
import { CrewAiEngine } from "@/engines/crewai-engine";
import { parseCrewWebhook } from "@/engines/crewai-webhooks";
import { type CrewAiFake, defaultCrewInputs, startCrewAiFake } from "../fakes/crewai-fake";
import { workshopBrief } from "../helpers/engine-fixtures";
import {
  bookCrewInputsSchema,
  crewDocumentedStatusSchema,
  crewEndpointFor,
  crewKickoffRequestSchema,
  crewReviewResultSchema,
  crewStatusResponseSchema,
  crewStopResponseSchema,
  crewWebhookContracts,
} from "./crewai";

// Our CrewAI client and fake, checked against CrewAI AMP's published API (tests/contracts/crewai.ts).

let fake: CrewAiFake;
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  fake = await startCrewAiFake();
  receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.responses.length = 0;
  fake.webhookDeliveries.length = 0;
  fake.setBehaviour({
    tasks: undefined,
    failRun: undefined,
    statusField: "status",
    statusPath: "status-first",
    review: () => JSON.stringify({ findings: [] }),
  });
});

const settings = (token = "crew-token") => ({ baseUrl: fake.url, token, pollIntervalMs: 1, retryBaseDelayMs: 1 });
const inputs = () => Object.fromEntries(defaultCrewInputs.map((name) => [name, "x"]));
const webhooks = () => ({ task: `${receiverUrl}/task`, step: `${receiverUrl}/step`, crew: `${receiverUrl}/crew` });

/** Every request our client sent, every answer and every webhook of the fake, checked against the contract. */
async function expectEverythingWithinTheContract() {
  await fake.flushWebhooks();
  expect(fake.requests.length).toBeGreaterThan(0);
  for (const request of fake.requests) {
    const endpoint = crewEndpointFor(request.method, request.path);
    expect(endpoint, `${request.method} ${request.path} is a documented endpoint`).toBeDefined();
    expect(request.headers.authorization).toMatch(/^Bearer \S+$/);
    if (endpoint?.request) endpoint.request.parse(request.body);
    else expect(request.body, `${request.method} ${request.path} sends no body`).toEqual({});
  }
  for (const response of fake.responses) {
    const schema = crewEndpointFor(response.method, response.path)?.responses[response.status];
    expect(schema, `${response.method} ${response.path} ${response.status} is a documented answer`).toBeDefined();
    schema?.parse(response.body);
  }
  for (const delivery of fake.webhookDeliveries) crewWebhookContracts[delivery.kind].parse(delivery.body);
}

/** Every kickoff's inputs, as the book crew contract (docs/crew/contract.md) lays them out. */
function expectKickoffInputsWithinTheCrewContract() {
  const kickoffs = fake.requests.filter((r) => r.path === "/kickoff");
  expect(kickoffs.length).toBeGreaterThan(0);
  for (const kickoff of kickoffs) bookCrewInputsSchema.parse(kickoff.body.inputs);
}

describe("the CrewAI client and fake against the published API", () => {
  it("a whole book run with webhooks: kickoff, status reads, task/step/crew deliveries", async () => {
    const engine = new CrewAiEngine(settings());
    const { kickoffId } = await engine.startBook(workshopBrief, { webhooks: webhooks(), meta: { jobId: "job_1" } });
    await engine.waitForBook(kickoffId);
    expect(fake.webhookDeliveries.map((d) => d.kind)).toEqual(expect.arrayContaining(["step", "task", "crew"]));
    await expectEverythingWithinTheContract();
    expectKickoffInputsWithinTheCrewContract();
  });

  it("a coherence review: the review kickoff, its one task and its findings JSON result", async () => {
    fake.setBehaviour({
      // The fake's crew answers from what it was sent: a finding quoting the first excerpt's first line.
      review: (inputs) => {
        const line = inputs.excerpts?.split("\n")[1] ?? "";
        return JSON.stringify({ findings: [{ chapterOrder: 1, quote: line, message: "Contradicts chapter 2." }] });
      },
    });
    const engine = new CrewAiEngine(settings());
    const answer = await engine.reviewCoherence({
      title: "The Quiet Workshop",
      language: "en",
      outline: "1. Opening the Door\n2. Learning the Tools",
      excerpts:
        "### Chapter 1: Opening the Door\nAda opens the workshop.\n\n### Chapter 2: Learning the Tools\nEach tool.",
    });
    expect(crewReviewResultSchema.parse(JSON.parse(answer)).findings[0]?.quote).toBe("Ada opens the workshop.");
    const completed = fake.responses.find((r) => (r.body as { status?: string }).status === "completed");
    expect(completed?.body).toMatchObject({ result: { tasks: [{ task_id: "review_coherence" }] } });
    const kickoff = fake.requests.find((r) => r.path === "/kickoff");
    expect(kickoff?.body.inputs).toMatchObject({ mode: "coherence_review", title: "The Quiet Workshop" });
    await expectEverythingWithinTheContract();
    expectKickoffInputsWithinTheCrewContract();
  });

  it("a deployment answering with Celery states on /{id}/status, and a failed run", async () => {
    fake.setBehaviour({ statusField: "state", statusPath: "id-first" });
    const client = new CrewAiClient(settings());
    await client.waitForCompletion((await client.kickoff({ inputs: inputs() })).kickoffId);
    fake.setBehaviour({ statusField: "status", statusPath: "status-first", failRun: "Task execution failed" });
    const failed = (await client.kickoff({ inputs: inputs() })).kickoffId;
    await expect(client.waitForCompletion(failed)).rejects.toMatchObject({ code: "CREW_FAILED" });
    await expectEverythingWithinTheContract();
  });

  it("stop, and the error answers: 400 after the end, 404, 401, 422", async () => {
    const client = new CrewAiClient(settings());
    const { kickoffId } = await client.kickoff({ inputs: inputs() });
    await client.stop(kickoffId);
    await client.stop(kickoffId);
    await client.stop("00000000-0000-0000-0000-000000000000");
    await expect(client.kickoff({ inputs: { title: "only" } })).rejects.toMatchObject({ status: 422 });
    await expect(new CrewAiClient(settings("wrong")).inputs()).rejects.toMatchObject({ code: "AUTH" });
    expect(new Set(fake.responses.map((r) => r.status))).toEqual(new Set([200, 400, 404, 422, 401]));
    await expectEverythingWithinTheContract();
  });
});

describe("the contract catches drift", () => {
  it("refuses the phases our old fake invented, an invented field and an undocumented kickoff parameter", () => {
    expect(crewStatusResponseSchema.safeParse({ status: "generating_outline" }).success).toBe(false);
    expect(crewStatusResponseSchema.safeParse({ status: "running", current_task: "a", eta: 3 }).success).toBe(false);
    expect(crewWebhookContracts.task.safeParse({ kickoff_id: "k", name: "n" }).success).toBe(false);
    expect(crewKickoffRequestSchema.safeParse({ inputs: {}, callbackUrl: "https://x.test/" }).success).toBe(false);
    expect(crewKickoffRequestSchema.safeParse({ inputs: { chapters: 3 } }).success).toBe(false);
  });

  it("refuses a review kickoff without its outline, a book kickoff without its mode, and a prose review result", () => {
    const book = Object.fromEntries(defaultCrewInputs.map((name) => [name, ""]));
    expect(
      bookCrewInputsSchema.safeParse({ ...book, mode: "coherence_review", title: "T", language: "en" }).success,
    ).toBe(false);
    const { mode: _mode, ...withoutMode } = book;
    expect(bookCrewInputsSchema.safeParse(withoutMode).success).toBe(false);
    expect(bookCrewInputsSchema.safeParse({ ...book, mode: "write_book" }).success).toBe(true);
    expect(crewReviewResultSchema.safeParse({ summary: "No contradictions found." }).success).toBe(false);
    expect(crewReviewResultSchema.safeParse({ findings: [{ quote: "Ada", message: "m", page: 3 }] }).success).toBe(
      false,
    );
  });
});

// Payloads rebuilt from CrewAI's documented examples (enterprise-api.en.yaml and the webhook output
// examples), in our own words, pushed through our parsers.
describe("CrewAI's documented examples through our code", () => {
  const kickoffId = "97eba64f-958c-40a0-b61c-625fe635a3c0";
  const sampleMeta = { requestId: "req-123", source: "web-app" };

  it("status: running, completed and error", () => {
    const running = {
      status: "running",
      current_task: "research_task",
      progress: { completed_tasks: 1, total_tasks: 3 },
    };
    const completed = {
      status: "completed",
      result: {
        output: "A travel itinerary",
        tasks: [{ task_id: "research_task", output: "Findings", agent: "Researcher", execution_time: 45.2 }],
      },
      execution_time: 108.5,
    };
    const error = { status: "error", error: "Task execution failed: Invalid API key", execution_time: 23.1 };
    for (const sample of [running, completed, error]) crewDocumentedStatusSchema.parse(sample);
    expect(parseCrewStatus(running)).toMatchObject({ status: "RUNNING", currentTask: "research_task" });
    expect(parseCrewStatus(completed)).toMatchObject({ status: "COMPLETED", output: "A travel itinerary" });
    expect(parseCrewStatus(error)).toMatchObject({ status: "FAILED", error: "Task execution failed: Invalid API key" });
    crewStopResponseSchema.parse({ status: "stopped", kickoffId });
  });

  it("step, task and crew webhooks", () => {
    const step = {
      prompt: "Research the industry",
      thought: "I need preliminary research",
      tool: "research_tool",
      tool_input: "industry AI solutions",
      result: "Preliminary report",
      kickoff_id: kickoffId,
      meta: sampleMeta,
    };
    const task = {
      description: "Research the lead's industry",
      name: "Industry Research Task",
      expected_output: "A research report",
      summary: "The industry is a good fit",
      agent: "Research Agent",
      output: "Report text",
      output_json: { industry: "financial" },
      kickoff_id: kickoffId,
      meta: sampleMeta,
    };
    const crew = {
      kickoff_id: kickoffId,
      result: "**Final Analysis Report**",
      result_json: { lead_score: "high" },
      token_usage: { total_tokens: 1250, prompt_tokens: 800, completion_tokens: 450 },
      meta: sampleMeta,
    };
    const samples = { step, task, crew } as const;
    for (const kind of ["step", "task", "crew"] as const) {
      crewWebhookContracts[kind].parse(samples[kind]);
      expect(parseCrewWebhook(kind, samples[kind]).payload).toMatchObject({ kickoff_id: kickoffId, meta: sampleMeta });
    }
  });
});
