import { mkdtempSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { renderBookFormats } from "@/server/formats/render-book-formats";
import { resetFormatRows } from "@/server/formats/reset-format-rows";
import type { ChapterChecker } from "@/checkers/checker";
import { processBookChecks } from "@/server/corrections/run-book-check";
import { getQueue } from "@/server/queue/queue";
import { startV1Server } from "../../tests/support/public-api/v1-http-server";
import { createTestKey, createTestOrg, type TestOrg } from "../../tests/support/public-api/v1-test-kit";
import { runCli } from "../../cli/scriptorium";
import { generateSdkTypes, TYPES_FILE } from "./generate-types";
import { createScriptoriumClient, ScriptoriumError } from "./scriptorium-client";

describe("TypeScript SDK and CLI against the v1 route handlers over HTTP", () => {
  let server: Awaited<ReturnType<typeof startV1Server>>;
  let org: TestOrg;
  let key: string;
  const outDir = mkdtempSync(path.join(tmpdir(), "scriptorium-cli-"));

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      env: { SCRIPTORIUM_API_URL: server.url, SCRIPTORIUM_API_KEY: key },
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      isTTY: false,
      cwd: outDir,
    });
    return { code, stdout: out.join(""), stderr: err.join("") };
  };

  beforeAll(async () => {
    server = await startV1Server();
    org = await createTestOrg("sdk");
    key = (await createTestKey(org.owner, { rateLimit: 1000 })).secret;
  });
  afterAll(async () => {
    await server?.close();
    await (await getQueue()).stop({ graceful: false, wait: false }).catch(() => {});
  });

  it("ships types generated from the current OpenAPI document", async () => {
    expect(readFileSync(TYPES_FILE, "utf8")).toBe(await generateSdkTypes());
  });

  it("creates, lists and reads books, reports rate limits, and throws typed errors", async () => {
    const client = createScriptoriumClient({ baseUrl: `${server.url}/api/v1`, apiKey: key });
    const { book, job } = await client.books.create({ title: "SDK book", topic: "Typed clients", goal: "Use the SDK" });
    expect(job.status).toBe("PENDING");
    expect(client.rateLimit).toMatchObject({ limit: 1000 });
    const page = await client.books.list({ limit: 10 });
    expect(page.items.map((b) => b.id)).toContain(book.id);
    const all: string[] = [];
    for await (const b of client.books.listAll({ limit: 1 })) all.push(b.id);
    expect(all).toContain(book.id);
    expect((await client.books.list({ q: "typed CLIENTS" })).items.map((b) => b.id)).toEqual([book.id]);
    expect((await client.books.list({ q: "sdk%" })).items).toEqual([]);
    const found: string[] = [];
    for await (const b of client.books.listAll({ q: "sdk book", limit: 1 })) found.push(b.id);
    expect(found).toEqual([book.id]);
    const tooLong = await client.books.list({ q: "x".repeat(201) }).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "q" });
    expect((await client.books.get(book.id)).book.title).toBe("SDK book");
    const chapter = await db().chapter.create({ data: { bookId: book.id, order: 1, title: "Intro", content: "Hi" } });
    expect((await client.chapters.list(book.id)).chapters.map((c) => c.title)).toEqual(["Intro"]);
    expect((await client.chapters.get(book.id, chapter.id)).chapter.content).toBe("Hi");
    expect((await client.usage.get()).metrics.BOOKS_CREATED).toBe(1);

    const bad = createScriptoriumClient({ baseUrl: server.url, apiKey: "sk_live_nope" });
    const error = await bad.books.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScriptoriumError);
    expect(error).toMatchObject({ status: 401, code: "INVALID_API_KEY" });
    const invalid = await client.books.create({ title: "", topic: "x", goal: "y" }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "title" });
  });

  it("`books create` (idempotent), `books wait` with progress, `books download --format markdown`", async () => {
    // Sent twice with one idempotency key: the second answer is the first book.
    const createArgs = [
      "books",
      "create",
      "--title",
      "CLI book",
      "--topic",
      "Command lines",
      "--goal",
      "Write from a terminal",
      "--chapters",
      "2",
      "--words",
      "1000",
      "--idempotency-key",
      "cli-once",
      "--json",
    ];
    const created = await cli(...createArgs);
    expect(created.code, created.stderr).toBe(0);
    const { book, job } = JSON.parse(created.stdout) as { book: { id: string }; job: { id: string } };
    const replay = await cli(...createArgs);
    expect((JSON.parse(replay.stdout) as { book: { id: string } }).book.id).toBe(book.id);
    expect(await db().book.count({ where: { organizationId: org.organizationId, title: "CLI book" } })).toBe(1);

    const listed = await cli("books", "list");
    expect(listed.stdout).toContain(book.id);
    const searched = await cli("books", "list", "--search", "COMMAND LINES");
    expect(searched.stdout).toContain(book.id);
    const short = await cli("books", "list", "-q", "no such book");
    expect(short.code).toBe(0);
    expect(short.stdout).toBe('No book matches "no such book".\n');
    const help = await cli("--help");
    expect(help.stdout).toContain("--search TEXT");

    // Stand in for the worker: progress, then completion (the event stream polls the job row).
    const waiting = cli("books", "wait", book.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db().bookJob.update({
      where: { id: job.id },
      data: {
        status: "WRITING_CHAPTERS",
        progress: 50,
        progressDetails: {
          message: "Writing",
          currentChapter: 2,
          chaptersTotal: 2,
          wordsWritten: 500,
          wordsTarget: 1000,
        },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await db().book.update({
      where: { id: book.id },
      data: { status: "COMPLETED", content: "# CLI book\n\n## One\n\nFirst chapter.\n\n## Two\n\nSecond chapter.\n" },
    });
    await db().bookJob.update({
      where: { id: job.id },
      data: { status: "COMPLETED", progress: 100, completedAt: new Date() },
    });
    const waited = await waiting;
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toMatch(/\[#{12}-{12}\]\s+50% Writing · chapter 2\/2 · 500\/1,000 words/);
    expect(waited.stderr).toContain("100%");
    expect(waited.stdout).toContain(`Book ${book.id} is ready.`);

    // Nothing rendered or queued: a clear refusal, not a wait.
    const notRendered = await cli("books", "download", book.id, "--format", "markdown");
    expect(notRendered.code).toBe(1);
    expect(notRendered.stderr).toContain("has not been rendered yet");

    // Just completed, its files still queued (what the pipeline leaves): the download waits for the render.
    const row = await db().book.findUniqueOrThrow({ where: { id: book.id } });
    await db().$transaction((tx) => resetFormatRows(tx, row, "PENDING"));
    const downloading = cli("books", "download", book.id, "--format", "markdown", "--out", "book.md");
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await renderBookFormats({ db: db() }, { bookId: book.id, organizationId: org.organizationId });
    const downloaded = await downloading;
    expect(downloaded.code, downloaded.stderr).toBe(0);
    expect(downloaded.stderr).toContain("The markdown file is queued…");
    const file = await readFile(path.join(outDir, "book.md"), "utf8");
    expect(file).toContain("Second chapter.");
    const recorded = await db().bookDownload.findMany({ where: { bookId: book.id } });
    expect(recorded.map((d) => d.format)).toEqual(["MARKDOWN"]);

    const refused = await cli("books", "download", book.id, "--format", "rtf");
    expect(refused.code).toBe(2);
    const missing = await cli("books", "get", "does-not-exist");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("NOT_FOUND");
  });

  it("`books create --review-plan` pauses for the review and `jobs continue` writes the chapters", async () => {
    const created = await cli(
      "books",
      "create",
      "--title",
      "Reviewed book",
      "--topic",
      "Plans",
      "--goal",
      "Read the plan first",
      "--review-plan",
      "--json",
    );
    expect(created.code, created.stderr).toBe(0);
    const { book, job } = JSON.parse(created.stdout) as { book: { id: string }; job: { id: string } };
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).reviewPlan).toBe(true);

    // Not paused yet: refused with the reason, nothing changed.
    const early = await cli("jobs", "continue", book.id);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("JOB_NOT_AWAITING_REVIEW");
    expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).planApprovedAt).toBeNull();

    // Stand in for the worker: the outline and bible are planned, the job waits for the review.
    await db().bookJob.update({ where: { id: job.id }, data: { status: "AWAITING_REVIEW" } });
    const continued = await cli("jobs", "continue", book.id, "--json");
    expect(continued.code, continued.stderr).toBe(0);
    expect(JSON.parse(continued.stdout)).toMatchObject({ id: job.id, status: "PENDING" });
    const after = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(after.status).toBe("PENDING");
    expect(after.planApprovedAt).not.toBeNull();
    expect(await db().activityLog.count({ where: { resourceId: book.id, action: "job.continued" } })).toBe(1);
  });

  it("`books check --wait`, `corrections list`, and the SDK's apply and dismiss", async () => {
    const book = await db().book.create({
      data: {
        organizationId: org.organizationId,
        createdById: org.owner.id,
        title: "Checked",
        topic: "Checks",
        goal: "Find teh typos",
        status: "COMPLETED",
        content: "# Checked\n\n## One\n\nWe saw teh moon and teh sun.\n",
      },
    });
    const chapter = await db().chapter.create({
      data: { bookId: book.id, order: 1, title: "One", content: "We saw teh moon and teh sun.", status: "DONE" },
    });
    await db().bookJob.create({ data: { bookId: book.id, organizationId: org.organizationId, status: "COMPLETED" } });
    // Stand in for the worker: a deterministic checker flagging "teh".
    const teh: ChapterChecker = {
      id: "test",
      supports: () => true,
      check: async (markdown) =>
        [...markdown.matchAll(/\bteh\b/g)].map((m) => ({
          type: "SPELLING" as const,
          severity: "ERROR" as const,
          ruleId: "misspelling",
          checker: "test",
          message: "Misspelt",
          original: "teh",
          suggestions: ["the"],
          startOffset: m.index ?? 0,
          endOffset: (m.index ?? 0) + 3,
        })),
    };
    const waiting = cli("books", "check", book.id, "--full", "--wait");
    await expect.poll(() => db().bookCheckRun.count({ where: { bookId: book.id } }), { timeout: 10_000 }).toBe(1);
    await processBookChecks({ db: db(), checkers: () => ({ chapterCheckers: [teh], bookCheckers: [] }) }, book.id);
    const checked = await waiting;
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toBe("Check finished: 2 errors, 0 warnings, 0 notes (2 new).\n");

    const listed = await cli("corrections", "list", book.id, "--type", "SPELLING");
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.trim().split("\n")).toHaveLength(2);
    expect(listed.stdout).toContain("OPEN     ERROR    SPELLING   Misspelt “teh” → the @7");

    const client = createScriptoriumClient({ baseUrl: server.url, apiKey: key });
    const findings: string[] = [];
    for await (const c of client.corrections.listAll(book.id, { limit: 1 })) findings.push(c.id);
    expect(findings).toHaveLength(2);
    const applied = await client.corrections.apply(findings[0]!);
    expect(applied.correction.status).toBe("ACCEPTED");
    expect((await db().chapter.findUniqueOrThrow({ where: { id: chapter.id } })).content).toBe(
      "We saw the moon and teh sun.",
    );
    expect((await client.corrections.dismiss(findings[1]!, { reason: "style" })).correction).toMatchObject({
      status: "REJECTED",
      resolutionNote: "style",
    });
    const stale = await client.corrections.apply(findings[1]!).catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 409, code: "CONFLICT" });
    expect((await client.checks.latest(book.id)).run.status).toBe("COMPLETED");
  });
});
