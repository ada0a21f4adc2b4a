import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as downloadRoute from "@/app/api/books/[bookId]/formats/[format]/download/route";
import * as storageRoute from "@/app/api/organization/storage/route";
import * as storageTestRoute from "@/app/api/organization/storage/test/route";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { renderBookFormats } from "@/server/formats/render-book-formats";
import { createBookFixture, formatsSnapshot } from "../support/formats/format-fixtures";
import { isPrivateHostLiteral } from "@/lib/private-address";
import { storageConfigFromRecord } from "@/storage/storage-config";
import { type LocalS3Server, startS3Server } from "../fakes/s3-server";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { routes } from "./routes";

async function createOrg(user: TestUser, name: string): Promise<string> {
  const res = await callRoute(routes.organizations.POST, { user, body: { name } });
  expect(res.status).toBe(201);
  return (res.json as { organization: { id: string } }).organization.id;
}

async function joinAs(owner: TestUser, role: "ADMIN" | "MEMBER" | "GUEST"): Promise<TestUser> {
  const user = await signUpAndSignIn(`storage-${role.toLowerCase()}`);
  const inv = await callRoute(routes.orgInvitations.POST, { user: owner, body: { email: user.email, role } });
  const invitationId = (inv.json as { invitation: { id: string } }).invitation.id;
  expect((await callRoute(routes.acceptInvitation.POST, { user, params: { invitationId } })).status).toBe(200);
  return user;
}

const put = (user: TestUser, body: unknown) => callRoute(storageRoute.PUT, { user, method: "PUT", body });

describe("organization storage settings", () => {
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let orgId: string;
  let outsiderOrgId: string;
  let s3: LocalS3Server;
  const bucket = "org-books";

  beforeAll(async () => {
    s3 = await startS3Server([bucket]);
    owner = await signUpAndSignIn("storage-owner");
    outsider = await signUpAndSignIn("storage-outsider");
    orgId = await createOrg(owner, "Storage House");
    outsiderOrgId = await createOrg(outsider, "Other Storage");
    // The organization's own cloud storage is a PRO feature (tests/api/plan-gates.test.ts covers FREE).
    await db().organization.update({ where: { id: orgId }, data: { plan: "PRO" } });
    admin = await joinAs(owner, "ADMIN");
    member = await joinAs(owner, "MEMBER");
    guest = await joinAs(owner, "GUEST");
  });

  afterAll(async () => s3?.close());

  const s3Settings = (extra: Record<string, unknown> = {}) => ({
    provider: "AWS_S3",
    bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    credentials: s3.credentials,
    ...extra,
  });

  it("starts on the platform default (LOCAL) and passes the connection test there", async () => {
    const res = await callRoute(storageRoute.GET, { user: owner });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      storage: expect.objectContaining({ source: "platform", provider: "LOCAL", hasCredentials: false, bucket: null }),
    });
    const probe = await callRoute(storageTestRoute.POST, { user: owner, method: "POST" });
    expect(probe.status).toBe(200);
    expect(probe.json).toMatchObject({ ok: true, provider: "LOCAL" });
  });

  it("saves S3 settings with encrypted, write-only credentials and keeps them when left blank", async () => {
    const saved = await put(admin, s3Settings());
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      storage: { source: "organization", provider: "AWS_S3", bucket, endpoint: s3.endpoint, hasCredentials: true },
    });
    const row = await db().storageConfig.findUniqueOrThrow({ where: { organizationId: orgId } });
    expect(row.credentialsEncrypted).not.toContain(s3.credentials.secretAccessKey);
    expect(storageConfigFromRecord(row, env().AUTH_SECRET ?? "").credentials).toEqual(s3.credentials);

    const read = await callRoute(storageRoute.GET, { user: owner });
    const text = JSON.stringify(read.json) + JSON.stringify(saved.json);
    expect(text).not.toContain(s3.credentials.secretAccessKey);
    expect(text).not.toContain('credentials":');
    expect(text).not.toContain(row.credentialsEncrypted ?? "<none>");

    // Blank credentials with the same provider keep the stored ciphertext.
    const { credentials: _omit, ...withoutCredentials } = s3Settings({ prefix: "tenant-a" });
    const kept = await put(owner, withoutCredentials);
    expect(kept.status).toBe(200);
    const after = await db().storageConfig.findUniqueOrThrow({ where: { organizationId: orgId } });
    expect(after.credentialsEncrypted).toBe(row.credentialsEncrypted);
    expect(after.prefix).toBe("tenant-a");

    const activity = await db().activityLog.findMany({
      where: { organizationId: orgId, action: "org.storage_updated" },
    });
    expect(activity).toHaveLength(2);
    expect(JSON.stringify(activity)).not.toContain(s3.credentials.secretAccessKey);
  });

  it("tests the saved S3 storage and unsaved settings; an unreachable endpoint is a failed step, not an error", async () => {
    const saved = await callRoute(storageTestRoute.POST, { user: admin, method: "POST" });
    expect(saved.json).toMatchObject({ ok: true, provider: "AWS_S3" });
    const down = await callRoute(storageTestRoute.POST, {
      user: admin,
      body: s3Settings({ endpoint: "http://127.0.0.1:9" }),
    });
    expect(down.status).toBe(200);
    expect(down.json).toMatchObject({ ok: false, step: "write", error: { code: "PROVIDER_ERROR" } });
    const wrongKey = await callRoute(storageTestRoute.POST, {
      user: admin,
      body: s3Settings({ credentials: { accessKeyId: "S3RVER", secretAccessKey: "wrong-secret" } }),
    });
    expect(wrongKey.json).toMatchObject({ ok: false, step: "write" });
    // Testing does not save.
    const row = await db().storageConfig.findUniqueOrThrow({ where: { organizationId: orgId } });
    expect(row.endpoint).toBe(s3.endpoint);
  }, 60_000);

  it("renders into the organization's S3 bucket and downloads through a signed S3 URL, or the CDN when set", async () => {
    const book = await createBookFixture(db(), orgId, { createdById: owner.id });
    const result = await renderBookFormats({ db: db() }, { bookId: book.id, organizationId: orgId });
    expect(result.failed).toEqual([]);
    const html = await db().bookFormat.findUniqueOrThrow({
      where: { bookId_format: { bookId: book.id, format: "HTML" } },
    });
    expect(html.cdnUrl).toBeNull();
    const res = await downloadRoute.GET(new Request(`${env().APP_URL}/x`, { headers: { cookie: guest.cookie } }), {
      params: Promise.resolve({ bookId: book.id, format: "html" }),
    });
    expect(res.status).toBe(302);
    const signed = res.headers.get("location") ?? "";
    expect(signed.startsWith(`${s3.endpoint}/${bucket}/tenant-a/${orgId}/books/${book.id}/`)).toBe(true);
    const fetched = await fetch(signed);
    expect(fetched.status).toBe(200);
    expect(
      createHash("sha256")
        .update(Buffer.from(await fetched.arrayBuffer()))
        .digest("hex"),
    ).toBe(html.checksum);

    const { credentials: _c, ...keep } = s3Settings({
      prefix: "tenant-a",
      cdnBaseUrl: "https://cdn.example.test/books",
    });
    expect((await put(owner, keep)).json).toMatchObject({ formatsMarkedStale: 0 });
    await renderBookFormats({ db: db() }, { bookId: book.id, organizationId: orgId });
    const pdf = await db().bookFormat.findUniqueOrThrow({
      where: { bookId_format: { bookId: book.id, format: "PDF" } },
    });
    expect(pdf.cdnUrl).toBe(`https://cdn.example.test/books/tenant-a/${pdf.filePath}?v=${pdf.checksum?.slice(0, 12)}`);
    const cdn = await downloadRoute.GET(new Request(`${env().APP_URL}/x`, { headers: { cookie: member.cookie } }), {
      params: Promise.resolve({ bookId: book.id, format: "pdf" }),
    });
    expect(cdn.status).toBe(302);
    expect(cdn.headers.get("location")).toBe(pdf.cdnUrl);
  }, 60_000);

  it("marks rendered formats stale when the files move to another place, and resets to the platform default", async () => {
    const rendered = await db().bookFormat.count({ where: { organizationId: orgId } });
    expect(rendered).toBeGreaterThan(0);
    const moved = await put(owner, { provider: "LOCAL" });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({
      storage: { provider: "LOCAL", hasCredentials: false },
      formatsMarkedStale: rendered,
    });
    expect(await db().bookFormat.count({ where: { organizationId: orgId, stale: false } })).toBe(0);
    const row = await db().storageConfig.findUniqueOrThrow({ where: { organizationId: orgId } });
    expect(row.credentialsEncrypted).toBeNull();

    const reset = await callRoute(storageRoute.DELETE, { user: owner, method: "DELETE" });
    expect(reset.status).toBe(200);
    expect(reset.json).toMatchObject({ storage: { source: "platform" } });
    expect(await db().storageConfig.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it("validates per provider and names the field", async () => {
    const cases: [unknown, string][] = [
      [{ provider: "FTP" }, "provider"],
      [{ provider: "AWS_S3", credentials: s3.credentials }, "bucket"],
      [{ provider: "AWS_S3", bucket, credentials: { accessKeyId: "A" } }, "credentials.secretAccessKey"],
      [{ provider: "GOOGLE_CLOUD", bucket }, "credentials"],
      [{ provider: "AZURE_BLOB", bucket: "c", credentials: {} }, "credentials"],
      [{ provider: "LOCAL", cdnBaseUrl: "javascript:alert(1)" }, "cdnBaseUrl"],
      [{ provider: "AWS_S3", bucket, endpoint: "not a url", credentials: s3.credentials }, "endpoint"],
      [{ provider: "LOCAL", prefix: "a/../b" }, "prefix"],
    ];
    const before = await formatsSnapshot(db(), orgId);
    for (const [body, field] of cases) {
      const res = await put(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as { error: { code: string; field: string } }).error).toMatchObject({
        code: "VALIDATION_FAILED",
        field,
      });
    }
    expect(await formatsSnapshot(db(), orgId)).toBe(before);
  });

  it("refuses MEMBER and GUEST (403) and cannot reach another organization's settings", async () => {
    await put(outsider, { provider: "LOCAL", prefix: "outsider" });
    const before = [
      await tenantSnapshot(orgId, [member.id, guest.id]),
      await formatsSnapshot(db(), orgId),
      await formatsSnapshot(db(), outsiderOrgId),
    ];
    for (const user of [member, guest]) {
      expect((await callRoute(storageRoute.GET, { user })).status).toBe(403);
      expect((await put(user, s3Settings())).status).toBe(403);
      expect((await callRoute(storageRoute.DELETE, { user, method: "DELETE" })).status).toBe(403);
      expect((await callRoute(storageTestRoute.POST, { user, method: "POST" })).status).toBe(403);
    }
    expect((await callRoute(storageRoute.GET, {})).status).toBe(401);
    // The outsider (OWNER of their own organization) only ever reaches their own settings.
    const theirs = await callRoute(storageRoute.GET, { user: outsider });
    expect(theirs.json).toMatchObject({ storage: { prefix: "outsider" } });
    expect(
      await Promise.all([
        tenantSnapshot(orgId, [member.id, guest.id]),
        formatsSnapshot(db(), orgId),
        formatsSnapshot(db(), outsiderOrgId),
      ]),
    ).toEqual(before);
  });

  it("recognizes literal private and loopback hosts for the production SSRF guard", () => {
    for (const host of [
      "localhost",
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "[::1]",
      "[2001:db8::1]",
    ]) {
      expect(isPrivateHostLiteral(host), host).toBe(true);
    }
    for (const host of ["s3.amazonaws.com", "8.8.8.8", "172.32.0.1", "[2606:4700::1111]"]) {
      expect(isPrivateHostLiteral(host), host).toBe(false);
    }
  });
});
