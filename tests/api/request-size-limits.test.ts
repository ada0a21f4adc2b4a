import { beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as bookChapter from "@/app/api/books/[bookId]/chapters/[chapterId]/route";
import * as v1Chapter from "@/app/api/v1/books/[bookId]/chapters/[chapterId]/route";
import * as crewaiWebhook from "@/app/api/webhooks/crewai/[jobId]/route";
import * as paystackWebhook from "@/app/api/webhooks/paystack/route";
import { CHAPTER_MAX_CHARACTERS } from "@/contracts/book-inputs";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { callV1, createTestKey } from "../support/public-api/v1-test-kit";
import { seedCompletedBook } from "../helpers/books";
import { signUpAndSignIn, type TestUser, uniqueEmail } from "../helpers/session-client";
import { booksSnapshot, tenantSnapshot } from "../helpers/tenant-snapshot";
import { storedEventsMentioning } from "./billing-setup";
import { bookRoutes } from "./book-routes";
import { createOrganizationAs } from "./organization-setup";
import { routes } from "./routes";

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: route handlers declare differently shaped params.
type Handler = (r: Request, c: { params: Promise<any> }) => Promise<Response>;

const MiB = 1024 * 1024;

/** A body streamed in 64 KiB chunks with no Content-Length (Transfer-Encoding: chunked on the wire). */
function chunkedBody(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

/** Calls a route with a body it builds itself (a stream, or bytes with their Content-Length). */
async function send(
  handler: Handler,
  options: { path: string; method: string; body: BodyInit; user?: TestUser; params?: Record<string, string> },
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    origin: env().APP_URL,
    "x-forwarded-for": "198.51.100.23",
  };
  if (options.user) headers.cookie = options.user.cookie;
  if (typeof options.body === "string") headers["content-length"] = String(Buffer.byteLength(options.body));
  const request = new Request(`${env().APP_URL}${options.path}`, {
    method: options.method,
    headers,
    body: options.body,
    duplex: "half",
  } as RequestInit);
  const started = Date.now();
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const json = (await response.json()) as Json;
  return { status: response.status, json, ms: Date.now() - started };
}

function expectTooLarge(res: { status: number; json: Json }, limit: string) {
  expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(413);
  expect(res.json.error).toEqual({
    code: "PAYLOAD_TOO_LARGE",
    message: `The request body is larger than the ${limit} limit`,
    field: null,
    messageKey: "errors.PAYLOAD_TOO_LARGE",
    params: {},
  });
}

describe("request size limits", () => {
  let owner: TestUser;
  let organizationId: string;
  let bookId: string;
  let chapterIds: string[];

  beforeAll(async () => {
    owner = await signUpAndSignIn("size-owner");
    // Enterprise: the v1 API is included.
    organizationId = await createOrganizationAs(owner, "Size Press", "ENTERPRISE");
    ({ bookId, chapterIds } = await seedCompletedBook(organizationId, owner.id, {
      title: "Long Chapters",
      topic: "limits",
      goal: "fit the largest chapter",
    }));
  });

  it("refuses an oversized JSON body on an ordinary route with 413, naming the limit, and changes nothing", async () => {
    const before = await tenantSnapshot(organizationId, [owner.id]);
    const body = JSON.stringify({ name: "n".repeat(300 * 1024) });
    const res = await send(routes.organization.PATCH, {
      path: "/api/organization",
      method: "PATCH",
      body,
      user: owner,
    });
    expectTooLarge(res, "256 KiB");
    expect(await tenantSnapshot(organizationId, [owner.id])).toBe(before);
  });

  it("refuses an oversized chunked body that declares no Content-Length, and changes nothing", async () => {
    const before = await booksSnapshot(organizationId, [owner.id]);
    const body = chunkedBody(JSON.stringify({ topic: "t".repeat(2 * MiB) }));
    const res = await send(bookRoutes.book.PATCH, {
      path: `/api/books/${bookId}`,
      method: "PATCH",
      body,
      user: owner,
      params: { bookId },
    });
    expectTooLarge(res, "256 KiB");
    expect(await booksSnapshot(organizationId, [owner.id])).toBe(before);
  });

  it("refuses an 8 MB sign-up at once, declared or chunked, and creates no user", async () => {
    for (const chunked of [false, true]) {
      const email = uniqueEmail("huge-name");
      const text = JSON.stringify({ email, password: "correct horse battery", name: "x".repeat(8 * MiB) });
      const res = await send(authRoute.POST as Handler, {
        path: "/api/auth/sign-up/email",
        method: "POST",
        body: chunked ? chunkedBody(text) : text,
      });
      expectTooLarge(res, "64 KiB");
      // better-auth's client reads its own top-level code as well.
      expect(res.json.code).toBe("PAYLOAD_TOO_LARGE");
      expect(res.ms).toBeLessThan(2000);
      expect(await db().user.count({ where: { email } })).toBe(0);
    }
  });

  it("still signs up through the capped auth route (the body is handed on intact)", async () => {
    const email = uniqueEmail("capped-ok");
    const res = await send(authRoute.POST as Handler, {
      path: "/api/auth/sign-up/email",
      method: "POST",
      body: JSON.stringify({ email, password: "correct horse battery", name: "Été Renée" }),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).name).toBe("Été Renée");
  });

  it("saves a chapter at its maximum size (200,000 three-byte characters, beyond the default cap)", async () => {
    const content = `${"本".repeat(CHAPTER_MAX_CHARACTERS - 2)}\n.`;
    const body = JSON.stringify({ content });
    expect(Buffer.byteLength(body)).toBeGreaterThan(256 * 1024);
    const res = await send(bookChapter.PATCH, {
      path: `/api/books/${bookId}/chapters/${chapterIds[0]}`,
      method: "PATCH",
      body,
      user: owner,
      params: { bookId, chapterId: chapterIds[0]! },
    });
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(200);
    const saved = await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } });
    expect(saved.content).toBe(content);
    expect((await db().book.findUniqueOrThrow({ where: { id: bookId } })).content).toContain(content);
  });

  it("refuses a chapter body beyond the chapter route's own cap, and changes nothing", async () => {
    const before = await booksSnapshot(organizationId, [owner.id]);
    const body = JSON.stringify({ content: "a".repeat(100), padding: "p".repeat(2 * MiB) });
    const res = await send(bookChapter.PATCH, {
      path: `/api/books/${bookId}/chapters/${chapterIds[1]}`,
      method: "PATCH",
      body: chunkedBody(body),
      user: owner,
      params: { bookId, chapterId: chapterIds[1]! },
    });
    expectTooLarge(res, "1.4 MiB");
    expect(await booksSnapshot(organizationId, [owner.id])).toBe(before);
  });

  it("gives the public API the same caps: a full chapter passes, an oversized body is 413", async () => {
    const key = await createTestKey(owner, { name: "size key" });
    const content = `${"é".repeat(CHAPTER_MAX_CHARACTERS - 1)}.`;
    const ok = await callV1(v1Chapter.PATCH as Handler, {
      key: key.secret,
      method: "PATCH",
      path: `/books/${bookId}/chapters/${chapterIds[1]}`,
      params: { bookId, chapterId: chapterIds[1]! },
      body: { content },
    });
    expect(ok.status, JSON.stringify(ok.json).slice(0, 300)).toBe(200);
    expect((await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[1] } })).content).toBe(content);

    const before = await booksSnapshot(organizationId, [owner.id]);
    const tooLarge = await callV1(v1Chapter.PATCH as Handler, {
      key: key.secret,
      method: "PATCH",
      path: `/books/${bookId}/chapters/${chapterIds[1]}`,
      params: { bookId, chapterId: chapterIds[1]! },
      body: { content: "short", padding: "p".repeat(2 * MiB) },
    });
    expect(tooLarge.status).toBe(413);
    expect((tooLarge.json as Json).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await booksSnapshot(organizationId, [owner.id])).toBe(before);
  });

  it("caps the webhooks too: Paystack and CrewAI deliveries beyond their limit are 413 and stored nowhere", async () => {
    const marker = `oversized-${Date.now()}`;
    const paystack = await send(paystackWebhook.POST as Handler, {
      path: "/api/webhooks/paystack",
      method: "POST",
      body: chunkedBody(JSON.stringify({ event: "charge.success", data: { reference: marker, pad: "p".repeat(MiB) } })),
    });
    expectTooLarge(paystack, "256 KiB");
    expect(await storedEventsMentioning(marker)).toBe(0);

    const job = await db().bookJob.findFirstOrThrow({ where: { bookId } });
    const crewai = await send(crewaiWebhook.POST as Handler, {
      path: `/api/webhooks/crewai/${job.id}?kind=crew`,
      method: "POST",
      body: JSON.stringify({ kickoff_id: marker, result: "r".repeat(9 * MiB) }),
      params: { jobId: job.id },
    });
    expectTooLarge(crewai, "8 MiB");
    expect(await db().webhookEvent.count({ where: { eventKey: { startsWith: `${job.id}:` } } })).toBe(0);
  });
});
