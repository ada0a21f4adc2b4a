import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ENGINE_LABEL } from "@/engines/demo-engine";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { closeJobEvents } from "@/server/generation/job-events";
import { getQueue } from "@/server/queue/queue";
import { runGeneration } from "@/server/generation/run-generation";
import { testDeps } from "../helpers/books";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { readEvents } from "../helpers/sse";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;

const brief = {
  title: "Gardening in Small Spaces",
  topic: "balcony gardening",
  goal: "grow herbs and vegetables on a balcony",
  language: "en",
  targetChapters: 3,
  targetWords: 600,
};

/** Opens the events stream of a book as a browser tab would. */
function openEvents(user: TestUser, bookId: string, signal?: AbortSignal) {
  return bookRoutes.bookEvents.GET(
    new Request(`${env().APP_URL}/api/books/${bookId}/events`, {
      headers: { cookie: user.cookie, accept: "text/event-stream" },
      signal,
    }),
    { params: Promise.resolve({ bookId }) },
  );
}

describe("book routes", () => {
  let owner: TestUser;
  let orgId: string;

  beforeAll(async () => {
    owner = await signUpAndSignIn("author");
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Author Press" } });
    orgId = (created.json as Json).organization.id;
    // Real engines are a PRO feature (tests/api/plan-gates.test.ts covers FREE).
    await db().organization.update({ where: { id: orgId }, data: { plan: "PRO" } });
  });
  afterAll(async () => {
    await closeJobEvents();
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

  it("creates a demo book, lists it, generates it and shows its chapters", async () => {
    const created = await callRoute(bookRoutes.books.POST, { user: owner, body: brief });
    expect(created.status).toBe(201);
    const { book, job } = created.json as Json;
    expect(book).toMatchObject({
      title: brief.title,
      status: "GENERATING",
      isDemoContent: true,
      demoLabel: DEMO_ENGINE_LABEL,
      engine: { id: "demo", label: DEMO_ENGINE_LABEL, isDemo: true },
    });
    expect(job).toMatchObject({ status: "PENDING", progress: 0, bookId: book.id });
    expect(job).not.toHaveProperty("webhookSecretHash");
    // Queued for the worker.
    const queued = await (await getQueue()).fetch<{ bookJobId: string }>("book.generate", { batchSize: 50 });
    expect(queued?.map((q) => q.data.bookJobId)).toContain(job.id);

    const list = await callRoute(bookRoutes.books.GET, { user: owner });
    expect(list.status).toBe(200);
    expect((list.json as Json).items[0]).toMatchObject({ id: book.id, job: { id: job.id, status: "PENDING" } });
    const searched = await callRoute(bookRoutes.books.GET, { user: owner, path: "/api/books?q=BALCONY" });
    expect((searched.json as Json).items.map((b: Json) => b.id)).toEqual([book.id]);
    const badSearch = await callRoute(bookRoutes.books.GET, { user: owner, path: `/api/books?q=${"x".repeat(201)}` });
    expect(badSearch).toMatchObject({ status: 400, json: { error: { code: "VALIDATION_FAILED", field: "q" } } });

    const { deps } = testDeps();
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const shown = await callRoute(bookRoutes.book.GET, { user: owner, params: { bookId: book.id } });
    expect(shown.status).toBe(200);
    const body = shown.json as Json;
    expect(body.book).toMatchObject({ status: "COMPLETED", hasContent: true, demoLabel: DEMO_ENGINE_LABEL });
    expect(body.chapters.map((c: Json) => c.order)).toEqual([1, 2, 3]);
    expect(body.chapters.every((c: Json) => c.status === "DONE" && c.content.includes(DEMO_ENGINE_LABEL))).toBe(true);
    expect(body.job).toMatchObject({ id: job.id, status: "COMPLETED", progress: 100 });

    const jobAnswer = await callRoute(bookRoutes.bookJob.GET, { user: owner, params: { bookId: book.id } });
    expect(jobAnswer.json).toMatchObject({ job: { id: job.id, status: "COMPLETED" } });
    const cancel = await callRoute(bookRoutes.bookJobCancel.POST, { user: owner, params: { bookId: book.id } });
    expect(cancel).toMatchObject({ status: 409, json: { error: { code: "JOB_FINISHED" } } });
    const retry = await callRoute(bookRoutes.bookJobRetry.POST, { user: owner, params: { bookId: book.id } });
    expect(retry).toMatchObject({ status: 409, json: { error: { code: "JOB_NOT_RETRYABLE" } } });

    // The requester was told, in the app; marking it read updates the unread count.
    const inbox = await callRoute(bookRoutes.notifications.GET, { user: owner });
    const items = (inbox.json as Json).items.filter((n: Json) => n.link === `/app/books/${book.id}`);
    expect(items).toEqual([expect.objectContaining({ type: "book.completed", readAt: null })]);
    const unread = (inbox.json as Json).unreadCount as number;
    const marked = await callRoute(bookRoutes.notifications.POST, { user: owner, body: { ids: [items[0].id] } });
    expect(marked.json).toEqual({ marked: 1, unreadCount: unread - 1 });

    const deleted = await callRoute(bookRoutes.book.DELETE, {
      user: owner,
      method: "DELETE",
      params: { bookId: book.id },
    });
    expect(deleted.status).toBe(204);
    expect((await callRoute(bookRoutes.book.GET, { user: owner, params: { bookId: book.id } })).status).toBe(404);
    expect(await db().chapter.count({ where: { bookId: book.id } })).toBe(0);
    const actions = (await db().activityLog.findMany({ where: { organizationId: orgId, resourceId: book.id } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["book.created", "job.completed", "book.deleted"]));
  });

  it("streams the progress snapshot at once, then updates, to two tabs, and ends when the book is done", async () => {
    // A slow demo engine so the stream sees the book being written.
    await db().organization.update({
      where: { id: orgId },
      data: { engineSettings: { demo: { delayMsPerChapter: 300 } } },
    });
    const created = await callRoute(bookRoutes.books.POST, { user: owner, body: { ...brief, title: "Streamed Book" } });
    const { book, job } = created.json as Json;

    const tab1 = await openEvents(owner, book.id);
    expect(tab1.status).toBe(200);
    expect(tab1.headers.get("content-type")).toContain("text/event-stream");
    const tab2 = await openEvents(owner, book.id);

    const { deps } = testDeps({ concurrency: 1 });
    const running = runGeneration(deps, { bookJobId: job.id });
    const [first, second] = await Promise.all([
      // Read until the server closes the stream.
      readEvents(tab1, () => false),
      readEvents(tab2, () => false),
    ]);
    expect(await running).toBe("completed");
    for (const tab of [first, second]) {
      const progress = tab.events.filter((e) => e.event === "progress").map((e) => (e.data as Json).job);
      expect(progress[0]).toMatchObject({ id: job.id, status: "PENDING" });
      expect(
        progress.some((j: Json) => j.status === "WRITING_CHAPTERS" && j.progressDetails.currentChapter !== null),
      ).toBe(true);
      const percents = progress.map((j: Json) => j.progress);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(progress.at(-1)).toMatchObject({ status: "COMPLETED", progress: 100 });
      expect(tab.events.at(-1)).toEqual({ event: "end", data: { status: "COMPLETED" } });
      expect(tab.ended).toBe(true);
    }

    // A reload after the end gets the same final picture immediately, then the stream closes.
    const reload = await readEvents(await openEvents(owner, book.id), () => false);
    expect(reload.ended).toBe(true);
    expect(reload.events.map((e) => e.event)).toEqual(["progress", "end"]);
    expect((reload.events[0]!.data as Json).job).toMatchObject({ status: "COMPLETED", progress: 100 });
  });

  it("reads and writes the engine settings without ever returning the API key", async () => {
    const before = await callRoute(bookRoutes.engine.GET, { user: owner });
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ settings: { defaultEngine: "demo", openaiCompatible: { hasApiKey: false } } });
    expect((before.json as Json).engines).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "demo", configured: true })]),
    );

    const notReady = await callRoute(bookRoutes.engine.PUT, {
      user: owner,
      method: "PUT",
      body: { defaultEngine: "crewai" },
    });
    expect(notReady).toMatchObject({
      status: 400,
      json: { error: { code: "ENGINE_NOT_CONFIGURED", field: "defaultEngine" } },
    });

    const key = "sk-secret-never-shown-0123456789";
    const saved = await callRoute(bookRoutes.engine.PUT, {
      user: owner,
      method: "PUT",
      body: {
        defaultEngine: "openai-compatible",
        openaiCompatible: { baseUrl: "http://127.0.0.1:9/v1", model: "llama3", apiKey: key },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      settings: {
        defaultEngine: "openai-compatible",
        openaiCompatible: { baseUrl: "http://127.0.0.1:9/v1", model: "llama3", hasApiKey: true },
      },
    });
    const read = await callRoute(bookRoutes.engine.GET, { user: owner });
    expect(JSON.stringify(read.json)).not.toContain(key);
    const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
    expect(org.engineSecretEncrypted).toMatch(/^v1:/);
    expect(JSON.stringify(org)).not.toContain(key);
    const activity = await db().activityLog.findFirstOrThrow({
      where: { organizationId: orgId, action: "org.engine_updated" },
    });
    expect(JSON.stringify(activity)).not.toContain(key);

    // Keeping the key while changing the model; then back to the demo engine with the section cleared.
    await callRoute(bookRoutes.engine.PUT, {
      user: owner,
      method: "PUT",
      body: { defaultEngine: "openai-compatible", openaiCompatible: { model: "llama3.1" } },
    });
    expect((await callRoute(bookRoutes.engine.GET, { user: owner })).json).toMatchObject({
      settings: { openaiCompatible: { model: "llama3.1", hasApiKey: true } },
    });
    const cleared = await callRoute(bookRoutes.engine.PUT, {
      user: owner,
      method: "PUT",
      body: { defaultEngine: "demo", openaiCompatible: null },
    });
    expect(cleared.json).toMatchObject({
      settings: { defaultEngine: "demo", openaiCompatible: { baseUrl: null, hasApiKey: false } },
    });
    expect((await db().organization.findUniqueOrThrow({ where: { id: orgId } })).engineSecretEncrypted).toBeNull();
  });

  it("refuses engine base URLs on private addresses when the SSRF guard is on (the production default)", async () => {
    const settings = env();
    const previous = settings.ENGINE_ALLOW_PRIVATE_URLS;
    settings.ENGINE_ALLOW_PRIVATE_URLS = "false";
    try {
      const put = (body: object) => callRoute(bookRoutes.engine.PUT, { user: owner, method: "PUT", body });
      const before = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
      for (const [body, field] of [
        [{ openaiCompatible: { baseUrl: "http://169.254.169.254/latest", model: "m" } }, "openaiCompatible.baseUrl"],
        [{ openaiCompatible: { baseUrl: "http://localhost:11434/v1", model: "m" } }, "openaiCompatible.baseUrl"],
        [{ crewai: { baseUrl: "http://[::1]:8000" } }, "crewai.baseUrl"],
        [{ crewai: { baseUrl: "http://10.0.0.7" } }, "crewai.baseUrl"],
      ] as const) {
        const refused = await put({ defaultEngine: "demo", ...body });
        expect(refused).toMatchObject({ status: 400, json: { error: { code: "VALIDATION_FAILED", field } } });
      }
      expect(await db().organization.findUniqueOrThrow({ where: { id: orgId } })).toEqual(before);
      const publicUrl = await put({
        defaultEngine: "demo",
        openaiCompatible: { baseUrl: "https://llm.example.com/v1", model: "m" },
      });
      expect(publicUrl.status).toBe(200);
      // Allowed explicitly (a self-hosted Ollama next to the server).
      settings.ENGINE_ALLOW_PRIVATE_URLS = "true";
      const ollama = await put({
        defaultEngine: "demo",
        openaiCompatible: { baseUrl: "http://localhost:11434/v1", model: "llama3" },
      });
      expect(ollama.status).toBe(200);
    } finally {
      settings.ENGINE_ALLOW_PRIVATE_URLS = previous;
      await callRoute(bookRoutes.engine.PUT, {
        user: owner,
        method: "PUT",
        body: { defaultEngine: "demo", openaiCompatible: null },
      });
    }
  });
});
