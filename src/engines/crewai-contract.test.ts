import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CrewAiFake,
  defaultCrewInputs,
  defaultCrewMarkdown,
  startCrewAiFake,
} from "../../tests/fakes/crewai-fake";
import { engineFailure } from "../../tests/helpers/engine-fixtures";
import { CrewAiClient, parseCrewStatus } from "./crewai-client";
import { bookCrewTasks, phaseAfterTask, phaseWhileRunning, readCrewBook } from "./crewai-contract";
import { CrewAiEngine } from "./crewai-engine";

let fake: CrewAiFake;
beforeAll(async () => {
  fake = await startCrewAiFake();
});
afterAll(async () => {
  await fake.close();
});

const settings = () => ({ baseUrl: fake.url, token: "crew-token", pollIntervalMs: 5, retryBaseDelayMs: 5 });
const inputs = () => Object.fromEntries(defaultCrewInputs.map((name) => [name, "x"]));

describe("the book crew contract: phases", () => {
  it("reads the phase of a running crew from the task it runs, else from how many tasks are done", () => {
    expect(phaseWhileRunning("outline_book")).toBe("GENERATING_OUTLINE");
    expect(phaseWhileRunning("Write Chapters")).toBe("WRITING_CHAPTERS");
    expect(phaseWhileRunning("assemble-book", 0)).toBe("FINALIZING");
    expect(phaseWhileRunning(undefined, 1)).toBe("WRITING_CHAPTERS");
    expect(phaseWhileRunning("some_other_task", 7)).toBe("FINALIZING");
    expect(phaseWhileRunning()).toBe("GENERATING_OUTLINE");
  });

  it("moves to the next phase when a task of the contract finishes, and ignores other tasks", () => {
    expect(bookCrewTasks.map((task) => phaseAfterTask(task.name))).toEqual([
      "WRITING_CHAPTERS",
      "FINALIZING",
      "FINALIZING",
    ]);
    expect(phaseAfterTask("Industry Research Task")).toBeUndefined();
    expect(phaseAfterTask(null)).toBeUndefined();
  });

  it("gives the documented running status a phase, and the Celery states none beyond their run state", () => {
    // enterprise-api.en.yaml, ExecutionRunning example (the task name is the sample's own).
    const documented = parseCrewStatus({
      status: "running",
      current_task: "research_task",
      progress: { completed_tasks: 1, total_tasks: 3 },
    });
    expect(documented).toMatchObject({ status: "RUNNING", phase: "WRITING_CHAPTERS" });
    expect(parseCrewStatus({ status: "running", current_task: "assemble_book" }).phase).toBe("FINALIZING");
    expect(parseCrewStatus({ state: "STARTED", result: null })).toMatchObject({
      status: "RUNNING",
      phase: "GENERATING_OUTLINE",
    });
    expect(parseCrewStatus({ state: "REVOKED", result: null }).status).toBe("FAILED");
  });
});

describe("the book crew contract: the final output", () => {
  it("accepts a book with an optional # title and one ## per chapter", () => {
    expect(readCrewBook(defaultCrewMarkdown).map((c) => c.title)).toEqual([
      "Opening the Door",
      "Learning the Tools",
      "The First Piece",
    ]);
    expect(readCrewBook("## One\n\nText.\n\n## Two\n\nMore.")).toHaveLength(2);
  });

  it.each([
    ["", "it is empty"],
    ["   \n", "it is empty"],
    ["**Final Analysis Report**\n\nLead Score: high.", "no `##` chapter heading"],
    ["# Book\n\n```md\n## not a chapter\n```\n", "no `##` chapter heading"],
    ["# Book\n\n# One\n\n## A\n\nText.\n\n# Two\n\nText.", "several `#` headings"],
    ["# Book\n\n## One\n\nText.\n\n## Two\n\n", 'the chapter "Two" has no text'],
  ])("refuses %j, saying why", (output, why) => {
    let error: unknown;
    try {
      readCrewBook(output);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: "CREW_RESULT_MISSING", retryable: false });
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).toContain("one `##` heading per chapter");
  });

  it("fails a run whose last task returned something other than the book", async () => {
    // The documented ExecutionCompleted example: the last task's output is a travel itinerary.
    fake.setBehaviour({ tasks: [{ name: "planning_task", output: "7-day detailed itinerary with activities" }] });
    try {
      const engine = new CrewAiEngine(settings());
      const { kickoffId } = await engine.client.kickoff({ inputs: inputs() });
      const error = await engineFailure(engine.waitForBook(kickoffId));
      expect(error.code).toBe("CREW_RESULT_MISSING");
      expect(error.message).toContain("does not follow the book contract");
    } finally {
      fake.setBehaviour({ tasks: undefined });
    }
  });
});

describe("CrewAiClient.stop", () => {
  it("stops a running run with POST /stop/{kickoff_id}, and reports a run that already ended or is unknown", async () => {
    const client = new CrewAiClient(settings());
    const { kickoffId } = await client.kickoff({ inputs: inputs() });
    await client.status(kickoffId);
    expect(await client.stop(kickoffId)).toBe(true);
    const stop = fake.requests.find((r) => r.path === `/stop/${kickoffId}`)!;
    expect(stop.method).toBe("POST");
    expect(stop.headers.authorization).toBe("Bearer crew-token");
    expect(fake.responses.find((r) => r.path === `/stop/${kickoffId}`)).toMatchObject({
      status: 200,
      body: { status: "stopped", kickoffId },
    });
    // Stopped already (400 "Cannot stop execution. Current state: REVOKED"), then an unknown id (404).
    expect(await client.stop(kickoffId)).toBe(false);
    expect(await client.stop("00000000-0000-0000-0000-000000000000")).toBe(false);
    expect((await client.status(kickoffId)).status).toBe("FAILED");
  });

  it("reports a failure to stop (e.g. a wrong token) as an engine error", async () => {
    const client = new CrewAiClient({ ...settings(), token: "wrong" });
    expect((await engineFailure(client.stop("any"))).code).toBe("AUTH");
  });
});
