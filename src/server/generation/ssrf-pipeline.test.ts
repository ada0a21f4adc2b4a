import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { type OpenAiCompatibleFake, startOpenAiCompatibleFake } from "../../../tests/fakes/openai-compatible-fake";
import { createOrgWithMember, createTestBook, testDeps } from "../../../tests/helpers/books";
import { RetryLaterError, runGeneration } from "./run-generation";

// Generation-time attacks on an organization's engine URL, through the whole pipeline with the real engine:
// the key must never reach a loopback service, redirects are not followed, and a remote error body never
// lands in the job's stored error.
const API_KEY = "sk-org-key-must-not-leak";
const SECRET_BODY = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY internal-admin-password=hunter2";

async function startServer(handler: Parameters<typeof createServer>[1]) {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("SSRF guard and error bodies in the generation pipeline", () => {
  let fake: OpenAiCompatibleFake;
  const previous = env().ENGINE_ALLOW_PRIVATE_URLS;

  beforeAll(async () => {
    fake = await startOpenAiCompatibleFake({ apiKey: API_KEY });
  });
  afterEach(() => {
    env().ENGINE_ALLOW_PRIVATE_URLS = previous;
  });
  afterAll(async () => {
    await fake.close();
    await db().$disconnect();
  });

  async function runBook(baseUrl: string) {
    const { ctx } = await createOrgWithMember("ssrf-gen", "OWNER", {
      settings: {
        defaultEngine: "openai-compatible",
        openaiCompatible: { baseUrl, model: "fake-model", maxRetries: 0, retryBaseDelayMs: 10, timeoutMs: 10_000 },
      },
      secrets: { openaiApiKey: API_KEY },
    });
    const { job } = await createTestBook(ctx, { engine: "openai-compatible" });
    const outcome = await runGeneration(testDeps().deps, { bookJobId: job.id }).catch((error: unknown) => {
      if (error instanceof RetryLaterError) return "retry-later";
      throw error;
    });
    const row = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    const chapters = await db().chapter.count({ where: { bookId: job.bookId } });
    return { outcome, row, chapters };
  }

  it("never sends the key to a name resolving to loopback (saved before its DNS changed)", async () => {
    env().ENGINE_ALLOW_PRIVATE_URLS = "false";
    const port = new URL(fake.url).port;
    const before = fake.requests.length;
    const { outcome, row, chapters } = await runBook(`http://${hostname()}:${port}/v1`);
    expect(outcome).toBe("failed");
    expect(row).toMatchObject({ status: "FAILED", errorCode: "PRIVATE_ADDRESS" });
    expect(row.error).toContain("a private, loopback or link-local address");
    expect(chapters).toBe(0);
    expect(fake.requests.length).toBe(before);
  });

  it("still reaches a loopback engine when the operator allows private URLs", async () => {
    env().ENGINE_ALLOW_PRIVATE_URLS = "true";
    fake.setBehaviour({ script: [], chunkDelayMs: 0 });
    const port = new URL(fake.url).port;
    const before = fake.requests.length;
    const { outcome } = await runBook(`http://${hostname()}:${port}/v1`);
    expect(outcome).toBe("completed");
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
  });

  it("does not follow a redirect to a loopback URL: the target receives nothing, the job says why", async () => {
    env().ENGINE_ALLOW_PRIVATE_URLS = "true"; // the redirecting server itself is on loopback in this test
    const redirector = await startServer((req, res) => {
      req.resume();
      res.writeHead(302, { location: `${fake.url}/chat/completions` }).end();
    });
    const before = fake.requests.length;
    try {
      const { outcome, row } = await runBook(`http://127.0.0.1:${redirector.port}/v1`);
      expect(outcome).toBe("failed");
      expect(row).toMatchObject({ status: "FAILED", errorCode: "REDIRECTED" });
      expect(fake.requests.length).toBe(before);
    } finally {
      await redirector.close();
    }
  });

  it("keeps only the status and a short sanitized reason of a provider error, never the remote body", async () => {
    env().ENGINE_ALLOW_PRIVATE_URLS = "true";
    const bodies = [
      { type: "text/html", body: `<html><body><h1>Internal admin</h1><pre>${SECRET_BODY}</pre></body></html>` },
      { type: "application/json", body: JSON.stringify({ config: { secret: SECRET_BODY } }) },
      {
        type: "application/json",
        body: JSON.stringify({ error: { message: `overloaded\n\u001b[31m${"x".repeat(400)}${SECRET_BODY}` } }),
      },
    ];
    for (const { type, body } of bodies) {
      const failing = await startServer((req, res) => {
        req.resume();
        res.writeHead(500, { "content-type": type }).end(body);
      });
      try {
        const { row } = await runBook(`http://127.0.0.1:${failing.port}/v1`);
        expect(row.errorCode).toBe("PROVIDER_ERROR");
        expect(row.error).toContain("returned HTTP 500");
        expect(row.error).not.toContain("hunter2");
        expect(row.error).not.toContain("AWS_SECRET_ACCESS_KEY");
        expect(row.error).not.toMatch(/\p{Cc}/u);
        expect(row.error!.length).toBeLessThan(400);
        const activity = await db().activityLog.findMany({ where: { organizationId: row.organizationId } });
        expect(JSON.stringify(activity)).not.toContain("hunter2");
      } finally {
        await failing.close();
      }
    }
  });
});
