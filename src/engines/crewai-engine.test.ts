import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type CrewAiFake,
  defaultCrewInputs,
  defaultCrewMarkdown,
  startCrewAiFake,
} from "../../tests/fakes/crewai-fake";
import { engineFailure, workshopBrief } from "../../tests/helpers/engine-fixtures";
import { CrewAiClient, type CrewAiSettings, type CrewRunState, knownCrewStates, mapCrewStatus } from "./crewai-client";
import { CrewAiEngine, splitMarkdownIntoChapters } from "./crewai-engine";
import { crewWebhookUsage, parseCrewWebhook } from "./crewai-webhooks";
import { type BookBrief, EngineError } from "./writing-engine";

const brief: BookBrief = { ...workshopBrief, audience: "adults", tone: "warm" };

let fake: CrewAiFake;

beforeAll(async () => {
  fake = await startCrewAiFake();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.webhookDeliveries.length = 0;
  fake.setBehaviour({
    token: "crew-token",
    markdown: defaultCrewMarkdown,
    tasks: undefined,
    failRun: undefined,
    failKickoff: undefined,
    statusField: "status",
    statusPath: "status-first",
  });
});

function settings(overrides: Partial<CrewAiSettings> = {}): CrewAiSettings {
  return { baseUrl: fake.url, token: "crew-token", pollIntervalMs: 5, retryBaseDelayMs: 5, ...overrides };
}

const failure = engineFailure;

describe("mapCrewStatus", () => {
  // Only values the platform sends: the documented status, and Celery states in `state`.
  const table: [string, CrewRunState][] = [
    ["running", "RUNNING"],
    ["completed", "COMPLETED"],
    ["error", "FAILED"],
    ["PENDING", "PENDING"],
    ["RECEIVED", "PENDING"],
    ["STARTED", "RUNNING"],
    ["RETRY", "RUNNING"],
    ["SUCCESS", "COMPLETED"],
    ["FAILURE", "FAILED"],
    ["REVOKED", "FAILED"],
    ["Running", "RUNNING"],
    [" completed ", "COMPLETED"],
  ];

  it.each(table)("maps %j to %s", (raw, expected) => {
    expect(mapCrewStatus(raw)).toBe(expected);
  });

  it("covers every known state in the table", () => {
    const tested = new Set(table.map(([raw]) => raw.trim().toLowerCase()));
    for (const state of knownCrewStates) expect(tested.has(state)).toBe(true);
  });

  it("throws on an unknown state", () => {
    // The phases our old fake invented are not platform states.
    for (const raw of ["awaiting_human_feedback", "done", "", "generating_outline", "writing_chapters", "finalizing"]) {
      expect(() => mapCrewStatus(raw)).toThrow(EngineError);
    }
    expect(() => mapCrewStatus("paused")).toThrow('Unknown CrewAI state "paused"');
  });
});

describe("CrewAiClient", () => {
  it("lists the crew's inputs", async () => {
    const inputs = await new CrewAiClient(settings()).inputs();
    expect(inputs).toContain("target_chapters");
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer crew-token");
  });

  it("kicks off with the inputs, webhook URLs and meta, and returns the kickoff id", async () => {
    const client = new CrewAiClient(settings());
    const kickoff = {
      inputs: {
        title: "A",
        topic: "b",
        goal: "c",
        audience: "",
        language: "en",
        tone: "",
        target_chapters: "3",
        target_words: "3000",
        mode: "write_book",
        outline: "",
        excerpts: "",
      },
      meta: { jobId: "job_1" },
      taskWebhookUrl: "http://127.0.0.1:1/task",
      stepWebhookUrl: "http://127.0.0.1:1/step",
      crewWebhookUrl: "http://127.0.0.1:1/crew",
    };
    const { kickoffId } = await client.kickoff(kickoff);
    expect(kickoffId).toMatch(/^[0-9a-f-]{36}$/);
    const request = fake.requests.find((r) => r.path === "/kickoff")!;
    expect(request.method).toBe("POST");
    expect(request.headers.authorization).toBe("Bearer crew-token");
    expect(request.headers["content-type"]).toBe("application/json");
    // Sent as given: the CrewAI kickoff body is exactly our request.
    expect(request.body).toEqual(kickoff);
  });

  it("reports missing inputs (422) with their names, without retrying", async () => {
    const error = await failure(new CrewAiClient(settings()).kickoff({ inputs: { title: "only" } }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.status).toBe(422);
    expect(error.message).toContain("Missing required inputs");
    expect(error.message).toContain("target_words");
    expect(fake.requests.filter((r) => r.path === "/kickoff")).toHaveLength(1);
  });

  it("reports a wrong token as AUTH", async () => {
    const error = await failure(new CrewAiClient(settings({ token: "wrong" })).inputs());
    expect(error.code).toBe("AUTH");
    expect(error.message).toContain("Invalid or missing bearer token");
  });

  it("does not retry a kickoff that failed with an ambiguous 500", async () => {
    fake.setBehaviour({ failKickoff: 500 });
    const error = await failure(new CrewAiClient(settings()).kickoff({ inputs: {} }));
    expect(error.code).toBe("PROVIDER_ERROR");
    expect(fake.requests.filter((r) => r.path === "/kickoff")).toHaveLength(1);
  });

  it("polls until completed, reading the book's phase from the contract's task names, and returns the Markdown", async () => {
    const engine = new CrewAiEngine(settings());
    const { kickoffId } = await engine.startBook(brief);
    const seen: string[] = [];
    const book = await engine.waitForBook(kickoffId, { onStatus: (s) => seen.push(`${s.status}:${s.phase ?? "-"}`) });
    expect(seen).toEqual([
      "RUNNING:GENERATING_OUTLINE",
      "RUNNING:WRITING_CHAPTERS",
      "RUNNING:FINALIZING",
      "COMPLETED:-",
    ]);
    expect(book.markdown).toBe(defaultCrewMarkdown);
    expect(book.chapters.map((c) => c.title)).toEqual(["Opening the Door", "Learning the Tools", "The First Piece"]);
    expect(book.chapters[1]!.content).toContain("### A note on chisels");
    const kickoff = fake.requests.find((r) => r.path === "/kickoff")!;
    expect(kickoff.body.inputs).toEqual({
      title: "The Quiet Workshop",
      topic: "woodworking for beginners",
      goal: "Help a beginner build a first piece of furniture",
      audience: "adults",
      language: "en",
      tone: "warm",
      target_chapters: "3",
      target_words: "3000",
      mode: "write_book",
      outline: "",
      excerpts: "",
    });
  });

  it("understands platform (Celery-style) states and the newer /{id}/status path", async () => {
    fake.setBehaviour({ statusField: "state", statusPath: "id-first" });
    const client = new CrewAiClient(settings());
    const { kickoffId } = await client.kickoff({ inputs: Object.fromEntries(defaultInputs()) });
    const seen: string[] = [];
    const result = await client.waitForCompletion(kickoffId, {
      onStatus: (s) => seen.push(`${s.rawStatus}→${s.status}`),
    });
    expect(seen).toEqual(["PENDING→PENDING", "STARTED→RUNNING", "SUCCESS→COMPLETED"]);
    expect(result.output).toBe(defaultCrewMarkdown);
    // The first read tried /status/{id}, got 404, and the client then stayed on /{id}/status.
    const statusPaths = fake.requests.filter((r) => r.method === "GET").map((r) => r.path.replace(kickoffId, "ID"));
    expect(statusPaths).toEqual(["/status/ID", "/ID/status", "/ID/status", "/ID/status", "/ID/status"]);
  });

  it("surfaces a failed run as CREW_FAILED with the platform's error", async () => {
    fake.setBehaviour({ failRun: "Task execution failed: Invalid API key for external service" });
    const engine = new CrewAiEngine(settings());
    const { kickoffId } = await engine.startBook(brief);
    const error = await failure(engine.waitForBook(kickoffId));
    expect(error.code).toBe("CREW_FAILED");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Invalid API key for external service");
    expect(error.message).toContain(kickoffId);
  });

  it("surfaces a Celery-style FAILURE too", async () => {
    fake.setBehaviour({ tasks: [{ name: "outline_book" }], statusField: "state", failRun: "boom" });
    const client = new CrewAiClient(settings());
    const { kickoffId } = await client.kickoff({ inputs: Object.fromEntries(defaultInputs()) });
    const error = await failure(client.waitForCompletion(kickoffId));
    expect(error.code).toBe("CREW_FAILED");
    expect(error.message).toContain("boom");
  });

  it("gives up polling after runTimeoutMs and stops when aborted", async () => {
    fake.setBehaviour({ tasks: ["a", "b", "c", "d", "e", "f"].map((name) => ({ name })) });
    const slow = new CrewAiClient(settings({ pollIntervalMs: 20, runTimeoutMs: 30 }));
    const { kickoffId } = await slow.kickoff({ inputs: Object.fromEntries(defaultInputs()) });
    expect((await failure(slow.waitForCompletion(kickoffId))).code).toBe("CREW_TIMEOUT");
    const patient = new CrewAiClient(settings({ pollIntervalMs: 10_000 }));
    const started = Date.now();
    const error = await failure(patient.waitForCompletion(kickoffId, {}, AbortSignal.timeout(50)));
    expect(error.code).toBe("ABORTED");
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

function defaultInputs(): [string, string][] {
  return defaultCrewInputs.map((k) => [k, "x"]);
}

describe("CrewAiEngine as a WritingEngine", () => {
  it("outline() runs the crew and writeChapter() streams the chapters it wrote", async () => {
    const engine = new CrewAiEngine(settings());
    expect(engine.isDemo).toBe(false);
    const { outline } = await engine.outline({ brief });
    expect(outline.chapters.map((c) => c.title)).toEqual(["Opening the Door", "Learning the Tools", "The First Piece"]);
    expect(outline.chapters[0]!.synopsis).toBe(
      "Ada opens the workshop for the first time. The tools are old, but they still work.",
    );
    expect(outline.chapters[0]!.wordBudget).toBe(16);
    const tokens: string[] = [];
    const chapter = await engine.writeChapter({ brief, outline, index: 1 }, (t) => tokens.push(t));
    expect(tokens.join("")).toBe(chapter.content);
    expect(chapter.content).toContain("Each tool has a story.");
    expect(fake.requests.filter((r) => r.path === "/kickoff")).toHaveLength(1);
  });

  it("writeChapter() without a prior run in this process fails with CREW_RESULT_MISSING", async () => {
    const engine = new CrewAiEngine(settings());
    const outline = { chapters: [{ title: "A", synopsis: "a", wordBudget: 10 }] };
    const error = await failure(engine.writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("CREW_RESULT_MISSING");
    expect(error.retryable).toBe(false);
  });
});

describe("CrewAI webhooks", () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: { path: string; body: unknown }[] = [];

  beforeAll(async () => {
    receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("accepts the task, step and crew payloads the platform posts, with meta echoed", async () => {
    const engine = new CrewAiEngine(settings());
    const { kickoffId } = await engine.startBook(brief, {
      meta: { jobId: "job_42" },
      webhooks: {
        task: `${receiverUrl}/task?token=secret`,
        step: `${receiverUrl}/step?token=secret`,
        crew: `${receiverUrl}/crew?token=secret`,
      },
    });
    await engine.waitForBook(kickoffId);
    await fake.flushWebhooks();

    const kinds = { "/task": "task", "/step": "step", "/crew": "crew" } as const;
    const parsed = received.map(({ path, body }) => {
      const [route, query] = path.split("?");
      expect(query).toBe("token=secret");
      return parseCrewWebhook(kinds[route as keyof typeof kinds], body);
    });
    expect(parsed.filter((p) => p.kind === "step")).toHaveLength(3);
    expect(parsed.filter((p) => p.kind === "task")).toHaveLength(3);
    const crew = parsed.filter((p) => p.kind === "crew");
    expect(crew).toHaveLength(1);
    for (const p of parsed) {
      expect(p.payload.kickoff_id).toBe(kickoffId);
      expect(p.payload.meta).toEqual({ jobId: "job_42" });
    }
    const completed = crew[0]!;
    if (completed.kind !== "crew") throw new Error("unreachable");
    expect(completed.payload.result).toBe(defaultCrewMarkdown);
    expect(crewWebhookUsage(completed.payload)).toEqual({ promptTokens: 800, completionTokens: 450 });
    const task = parsed.find((p) => p.kind === "task")!;
    if (task.kind !== "task") throw new Error("unreachable");
    expect(task.payload.name).toBe("outline_book");
    expect(task.payload.output).toContain("1. Chapter 1: Opening the Door");
  });

  it("rejects a payload without kickoff_id", () => {
    expect(() => parseCrewWebhook("crew", { result: "x" })).toThrow();
    expect(() => parseCrewWebhook("task", "not an object")).toThrow();
  });
});

describe("splitMarkdownIntoChapters", () => {
  it("drops the book H1 and splits on H2, stripping 'Chapter N:' prefixes", () => {
    expect(splitMarkdownIntoChapters(defaultCrewMarkdown).map((c) => c.title)).toEqual([
      "Opening the Door",
      "Learning the Tools",
      "The First Piece",
    ]);
  });

  it("splits on H1 when the book uses H1 per chapter, dropping a title-only first H1", () => {
    const md =
      "# My Book\n\n# Chapitre 1 : Le début\n\nTexte un.\n\n## Section\n\nSuite.\n\n# Chapter II. The End\n\nTwo.";
    expect(splitMarkdownIntoChapters(md)).toEqual([
      { title: "Le début", content: "Texte un.\n\n## Section\n\nSuite." },
      { title: "The End", content: "Two." },
    ]);
  });

  it("keeps text before the first chapter as an Introduction and ignores headings in code", () => {
    const md = "# Book\n\nA short foreword.\n\n## One\n\n```md\n## not a chapter\n```\n\nBody.\n\n## Two\n\nMore.";
    expect(splitMarkdownIntoChapters(md)).toEqual([
      { title: "Introduction", content: "A short foreword." },
      { title: "One", content: "```md\n## not a chapter\n```\n\nBody." },
      { title: "Two", content: "More." },
    ]);
  });

  it("returns one chapter for a document without chapter headings, and none for nothing", () => {
    expect(splitMarkdownIntoChapters("# Only Title\n\nJust text.")).toEqual([
      { title: "Only Title", content: "Just text." },
    ]);
    expect(splitMarkdownIntoChapters("Just text.")).toEqual([{ title: "Chapter 1", content: "Just text." }]);
    expect(splitMarkdownIntoChapters("   ")).toEqual([]);
  });
});
