import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as storageRoute from "@/app/api/organization/storage/route";
import * as storageTestRoute from "@/app/api/organization/storage/test/route";
import { db } from "@/server/db/client";
import { authSecret, env } from "@/server/env";
import { encryptStorageCredentials } from "@/storage/storage-config";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

// SSRF attacks with a host NAME that resolves to loopback: this machine's own host name, which /etc/hosts
// maps to 127.0.0.1 (the real resolver, as in production). A listening loopback server records whatever
// reaches it: a refused URL must leave it untouched, and leave the database as it was.
const loopbackName = hostname();

/** A loopback HTTP server that records every request (method, path, headers) and answers 200. */
async function startRecorder() {
  const requests: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { requests, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("SSRF guard on the URLs organizations type in (names resolving to loopback)", () => {
  let owner: TestUser;
  let orgId: string;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  const previous = { engine: env().ENGINE_ALLOW_PRIVATE_URLS, storage: env().STORAGE_ALLOW_PRIVATE_ENDPOINTS };

  beforeAll(async () => {
    recorder = await startRecorder();
    owner = await signUpAndSignIn("ssrf-owner");
    const res = await callRoute(routes.organizations.POST, { user: owner, body: { name: "SSRF House" } });
    expect(res.status).toBe(201);
    orgId = (res.json as { organization: { id: string } }).organization.id;
    await db().organization.update({ where: { id: orgId }, data: { plan: "PRO" } });
    // The production setting: private addresses refused.
    env().ENGINE_ALLOW_PRIVATE_URLS = "false";
    env().STORAGE_ALLOW_PRIVATE_ENDPOINTS = "false";
  });

  afterAll(async () => {
    env().ENGINE_ALLOW_PRIVATE_URLS = previous.engine;
    env().STORAGE_ALLOW_PRIVATE_ENDPOINTS = previous.storage;
    await recorder.close();
  });

  it("the test host name really resolves to loopback here (precondition of every test below)", async () => {
    const { lookup } = await import("node:dns/promises");
    const addresses = await lookup(loopbackName, { all: true });
    expect(
      addresses.some((a) => a.address === "127.0.0.1" || a.address === "::1"),
      loopbackName,
    ).toBe(true);
  });

  it("refuses to save an engine base URL whose name resolves to loopback: 400 on the field, nothing saved", async () => {
    const before = await tenantSnapshot(orgId);
    for (const [body, field] of [
      [
        { openaiCompatible: { baseUrl: `http://${loopbackName}:${recorder.port}/v1`, model: "m", apiKey: "sk-x" } },
        "openaiCompatible.baseUrl",
      ],
      [{ crewai: { baseUrl: `http://${loopbackName}:${recorder.port}`, token: "t" } }, "crewai.baseUrl"],
      // Trailing-dot spelling of a reserved name, and an IPv4-mapped IPv6 literal.
      [
        { openaiCompatible: { baseUrl: `http://localhost.:${recorder.port}/v1`, model: "m" } },
        "openaiCompatible.baseUrl",
      ],
      [{ crewai: { baseUrl: `http://[::ffff:127.0.0.1]:${recorder.port}` } }, "crewai.baseUrl"],
    ] as const) {
      const res = await callRoute(bookRoutes.engine.PUT, {
        user: owner,
        method: "PUT",
        body: { defaultEngine: "demo", ...body },
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toMatchObject({ error: { code: "VALIDATION_FAILED", field } });
    }
    expect(await tenantSnapshot(orgId)).toBe(before);
    expect(recorder.requests).toHaveLength(0);
  });

  it("keeps accepting a loopback engine URL when the operator allows private URLs", async () => {
    env().ENGINE_ALLOW_PRIVATE_URLS = "true";
    try {
      const res = await callRoute(bookRoutes.engine.PUT, {
        user: owner,
        method: "PUT",
        body: {
          defaultEngine: "demo",
          openaiCompatible: { baseUrl: `http://${loopbackName}:${recorder.port}/v1`, model: "m" },
        },
      });
      expect(res.status).toBe(200);
    } finally {
      env().ENGINE_ALLOW_PRIVATE_URLS = "false";
      await callRoute(bookRoutes.engine.PUT, {
        user: owner,
        method: "PUT",
        body: { defaultEngine: "demo", openaiCompatible: null },
      });
    }
  });

  const s3Settings = (endpoint: string) => ({
    provider: "AWS_S3",
    bucket: "books",
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret-example-key" },
  });

  it("refuses to save or test storage whose endpoint name resolves to loopback, contacting nothing", async () => {
    const before = await tenantSnapshot(orgId);
    const endpoint = `http://${loopbackName}:${recorder.port}`;
    const saved = await callRoute(storageRoute.PUT, { user: owner, method: "PUT", body: s3Settings(endpoint) });
    expect(saved.status).toBe(400);
    expect(saved.json).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "endpoint" } });
    const tested = await callRoute(storageTestRoute.POST, { user: owner, method: "POST", body: s3Settings(endpoint) });
    expect(tested.status).toBe(400);
    expect(tested.json).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "endpoint" } });
    // The endpoint inside an Azure connection string is checked too ("UseDevelopmentStorage" is 127.0.0.1).
    const azure = await callRoute(storageTestRoute.POST, {
      user: owner,
      method: "POST",
      body: {
        provider: "AZURE_BLOB",
        bucket: "books",
        credentials: {
          connectionString: `DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://${loopbackName}:${recorder.port}/a;`,
        },
      },
    });
    expect(azure.status).toBe(400);
    expect(azure.json).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "credentials" } });
    expect(await db().storageConfig.findUnique({ where: { organizationId: orgId } })).toBeNull();
    expect(await tenantSnapshot(orgId)).toBe(before);
    expect(recorder.requests).toHaveLength(0);
  });

  it("guards the connection itself: saved storage whose name now resolves to loopback is not contacted", async () => {
    // As if the endpoint had been saved while its name pointed elsewhere (DNS changes after saving).
    const credentials = { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret-example-key" };
    await db().storageConfig.create({
      data: {
        organizationId: orgId,
        provider: "AWS_S3",
        bucket: "books",
        region: "us-east-1",
        endpoint: `http://${loopbackName}:${recorder.port}`,
        forcePathStyle: true,
        credentialsEncrypted: encryptStorageCredentials(credentials, authSecret(), orgId),
      },
    });
    try {
      const tested = await callRoute(storageTestRoute.POST, { user: owner, method: "POST" });
      expect(tested.status).toBe(200);
      expect(tested.json).toMatchObject({ ok: false, provider: "AWS_S3", step: "write" });
      expect((tested.json as { error: { message: string } }).error.message).toContain(
        "a private, loopback or link-local address",
      );
      expect(recorder.requests).toHaveLength(0);
    } finally {
      await db().storageConfig.delete({ where: { organizationId: orgId } });
    }
  });

  it("GOOGLE_CLOUD custom endpoints cannot be guarded, so they are refused while private endpoints are", async () => {
    const res = await callRoute(storageTestRoute.POST, {
      user: owner,
      method: "POST",
      body: {
        provider: "GOOGLE_CLOUD",
        bucket: "books",
        endpoint: "https://storage.example.com",
        credentials: {
          client_email: "a@b.iam.gserviceaccount.com",
          private_key: "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n",
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "endpoint" } });
    expect(recorder.requests).toHaveLength(0);
  });
});
