import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as downloadsRoute from "@/app/api/books/[bookId]/downloads/route";
import * as downloadRoute from "@/app/api/books/[bookId]/formats/[format]/download/route";
import * as formatsRoute from "@/app/api/books/[bookId]/formats/route";
import * as filesRoute from "@/app/api/files/[...key]/route";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { EXPORT_FORMATS_QUEUE } from "@/server/formats/export-formats-queue";
import { renderBookFormats } from "@/server/formats/render-book-formats";
import { createBookFixture, formatsSnapshot } from "../support/formats/format-fixtures";
import { getQueue } from "@/server/queue/queue";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { routes } from "./routes";

/** Calls a route and returns the raw Response (redirects and file bodies are not JSON). */
async function rawCall(
  handler: RouteHandler,
  options: { user?: TestUser | null; path: string; params?: Record<string, string> },
): Promise<Response> {
  const headers: Record<string, string> = { "user-agent": "vitest-download", "x-forwarded-for": "192.0.2.44" };
  if (options.user) headers.cookie = options.user.cookie;
  const url = options.path.startsWith("http") ? options.path : `${env().APP_URL}${options.path}`;
  return handler(new Request(url, { headers }), {
    params: Promise.resolve(options.params ?? {}) as Promise<never>,
  });
}

async function createOrg(user: TestUser, name: string): Promise<string> {
  const res = await callRoute(routes.organizations.POST, { user, body: { name } });
  expect(res.status).toBe(201);
  return (res.json as { organization: { id: string } }).organization.id;
}

/** A new user who joined the owner's active organization with this role (invitation accepted). */
async function joinAs(owner: TestUser, role: "ADMIN" | "MEMBER" | "GUEST"): Promise<TestUser> {
  const user = await signUpAndSignIn(role.toLowerCase());
  const inv = await callRoute(routes.orgInvitations.POST, { user: owner, body: { email: user.email, role } });
  expect(inv.status).toBe(201);
  const invitationId = (inv.json as { invitation: { id: string } }).invitation.id;
  const accepted = await callRoute(routes.acceptInvitation.POST, { user, params: { invitationId } });
  expect(accepted.status).toBe(200);
  return user;
}

const sha256 = (bytes: ArrayBuffer) => createHash("sha256").update(Buffer.from(bytes)).digest("hex");

describe("book formats, downloads and local files", () => {
  let owner: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let orgId: string;
  let outsiderOrgId: string;
  let bookId: string;

  beforeAll(async () => {
    owner = await signUpAndSignIn("fmt-owner");
    outsider = await signUpAndSignIn("fmt-outsider");
    orgId = await createOrg(owner, "Formats House");
    outsiderOrgId = await createOrg(outsider, "Elsewhere Press");
    member = await joinAs(owner, "MEMBER");
    guest = await joinAs(owner, "GUEST");
    const book = await createBookFixture(db(), orgId, { createdById: owner.id });
    bookId = book.id;
  });

  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => (await getQueue()).stop({ graceful: false, wait: true }));

  it("lists five NOT_RENDERED formats before the first render, then READY ones with file facts", async () => {
    const before = await callRoute(formatsRoute.GET, { user: guest, params: { bookId } });
    expect(before.status).toBe(200);
    const list = before.json as { formats: { format: string; status: string; available: boolean }[] };
    expect(list.formats.map((f) => [f.format, f.status, f.available])).toEqual([
      ["PDF", "NOT_RENDERED", false],
      ["EPUB", "NOT_RENDERED", false],
      ["DOCX", "NOT_RENDERED", false],
      ["HTML", "NOT_RENDERED", false],
      ["MARKDOWN", "NOT_RENDERED", false],
    ]);
    const notYet = await rawCall(downloadRoute.GET, { user: owner, path: "/x", params: { bookId, format: "pdf" } });
    expect(notYet.status).toBe(404);

    await renderBookFormats({ db: db() }, { bookId, organizationId: orgId });
    const after = await callRoute(formatsRoute.GET, { user: guest, params: { bookId } });
    const rows = await db().bookFormat.findMany({ where: { bookId } });
    const formats = (after.json as { formats: Record<string, unknown>[] }).formats;
    for (const view of formats) {
      const row = rows.find((r) => r.format === view.format);
      expect(view).toMatchObject({
        status: "READY",
        available: true,
        stale: false,
        size: Number(row?.size),
        checksum: row?.checksum,
        renderedAt: row?.renderedAt?.toISOString(),
        downloads: 0,
        error: null,
        downloadUrl: `/api/books/${bookId}/formats/${String(view.format).toLowerCase()}/download`,
      });
      expect(view).not.toHaveProperty("filePath");
    }
  });

  it("redirects an owner to a signed local file, records the download with IP, and serves the exact bytes", async () => {
    const res = await rawCall(downloadRoute.GET, { user: owner, path: "/x", params: { bookId, format: "epub" } });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.pathname).toMatch(new RegExp(`^/api/files/${orgId}/books/${bookId}/the-lighthouse-keeper\\.epub$`));
    expect(location.searchParams.get("signature")).toBeTruthy();
    const expires = Number(location.searchParams.get("expires"));
    expect(expires * 1000 - Date.now()).toBeLessThanOrEqual(env().DOWNLOAD_URL_TTL_SECONDS * 1000);

    const recorded = await db().bookDownload.findMany({ where: { bookId } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      userId: owner.id,
      organizationId: orgId,
      format: "EPUB",
      ipAddress: "192.0.2.44",
      userAgent: "vitest-download",
    });

    const file = await rawCall(filesRoute.GET, { user: owner, path: location.toString() });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/epub+zip");
    expect(file.headers.get("content-disposition")).toContain("the-lighthouse-keeper.epub");
    const row = await db().bookFormat.findUniqueOrThrow({ where: { bookId_format: { bookId, format: "EPUB" } } });
    expect(sha256(await file.arrayBuffer())).toBe(row.checksum);
  });

  it("lets MEMBER and GUEST download, refuses no session (401) and another organization (404) without recording", async () => {
    for (const user of [member, guest]) {
      const res = await rawCall(downloadRoute.GET, { user, path: "/x", params: { bookId, format: "PDF" } });
      expect(res.status).toBe(302);
    }
    const pdfDownloads = await db().bookDownload.findMany({ where: { bookId, format: "PDF" } });
    expect(pdfDownloads.map((d) => d.userId).sort()).toEqual([member.id, guest.id].sort());

    const before = [await tenantSnapshot(orgId, [outsider.id]), await formatsSnapshot(db(), orgId)];
    const anonymous = await rawCall(downloadRoute.GET, { path: "/x", params: { bookId, format: "pdf" } });
    expect(anonymous.status).toBe(401);
    const attempts = [
      rawCall(downloadRoute.GET, { user: outsider, path: "/x", params: { bookId, format: "pdf" } }),
      rawCall(formatsRoute.GET, { user: outsider, path: "/x", params: { bookId } }),
      rawCall(formatsRoute.POST, { user: outsider, path: "/x", params: { bookId } }),
      rawCall(downloadsRoute.GET, { user: outsider, path: "/x", params: { bookId } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
    expect([await tenantSnapshot(orgId, [outsider.id]), await formatsSnapshot(db(), orgId)]).toEqual(before);
    // The outsider's own organization got nothing either.
    expect(await db().bookDownload.count({ where: { organizationId: outsiderOrgId } })).toBe(0);
  });

  it("rejects an unknown format with 400 naming it", async () => {
    const res = await rawCall(downloadRoute.GET, { user: owner, path: "/x", params: { bookId, format: "exe" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
  });

  it("files route: signature alone without a session; refuses tampered, expired and other organizations' links", async () => {
    const res = await rawCall(downloadRoute.GET, { user: guest, path: "/x", params: { bookId, format: "markdown" } });
    const link = new URL(res.headers.get("location") ?? "");

    const anonymous = await rawCall(filesRoute.GET, { path: link.toString() });
    expect(anonymous.status).toBe(200);
    expect((await anonymous.text()).startsWith("---\n")).toBe(true);

    // A signed-in member of another organization holding a leaked link: the key is not theirs.
    expect((await rawCall(filesRoute.GET, { user: outsider, path: link.toString() })).status).toBe(404);

    const tampered = new URL(link);
    tampered.searchParams.set("signature", `${link.searchParams.get("signature")?.slice(0, -2)}xx`);
    expect((await rawCall(filesRoute.GET, { path: tampered.toString() })).status).toBe(403);

    // Same signature on another organization's key (path swapped to the outsider's organization).
    const swapped = new URL(link);
    swapped.pathname = link.pathname.replace(`/api/files/${orgId}/`, `/api/files/${outsiderOrgId}/`);
    expect((await rawCall(filesRoute.GET, { user: outsider, path: swapped.toString() })).status).toBe(403);

    const longer = new URL(link);
    longer.searchParams.set("expires", String(Number(link.searchParams.get("expires")) + 3600));
    expect((await rawCall(filesRoute.GET, { path: longer.toString() })).status).toBe(403);

    const expiry = Number(link.searchParams.get("expires")) * 1000;
    vi.spyOn(Date, "now").mockReturnValue(expiry + 1000);
    expect((await rawCall(filesRoute.GET, { user: owner, path: link.toString() })).status).toBe(403);
    vi.restoreAllMocks();

    // An encoded "../" inside a segment is refused as a malformed key before anything is read.
    const traversal = `/api/files/${orgId}/..%2F..%2Fauth-secret?expires=${link.searchParams.get("expires")}&signature=x`;
    expect((await rawCall(filesRoute.GET, { path: traversal })).status).toBe(400);
  });

  it("counts downloads per format and per day over the last 30 days", async () => {
    const now = Date.now();
    await db().bookDownload.createMany({
      data: [
        { bookId, organizationId: orgId, format: "HTML", downloadedAt: new Date(now - 3 * 86_400_000) },
        { bookId, organizationId: orgId, format: "HTML", downloadedAt: new Date(now - 40 * 86_400_000) },
      ],
    });
    const res = await callRoute(downloadsRoute.GET, { user: guest, params: { bookId } });
    expect(res.status).toBe(200);
    const counts = res.json as {
      total: number;
      byFormat: Record<string, number>;
      byDay: { date: string; count: number }[];
    };
    const expected = await db().bookDownload.groupBy({ by: ["format"], where: { bookId }, _count: { _all: true } });
    for (const row of expected) expect(counts.byFormat[row.format]).toBe(row._count._all);
    expect(counts.byFormat.HTML).toBe(2);
    expect(counts.total).toBe(await db().bookDownload.count({ where: { bookId } }));
    expect(counts.byDay).toHaveLength(30);
    const today = new Date(now).toISOString().slice(0, 10);
    const threeDaysAgo = new Date(now - 3 * 86_400_000).toISOString().slice(0, 10);
    expect(counts.byDay.at(-1)?.date).toBe(today);
    const recent = await db().bookDownload.count({
      where: { bookId, downloadedAt: { gte: new Date(`${today}T00:00:00Z`) } },
    });
    expect(counts.byDay.at(-1)?.count).toBe(recent);
    expect(counts.byDay.find((d) => d.date === threeDaysAgo)?.count).toBe(1);
    // The 40-day-old download counts in the totals but not in the 30-day history.
    expect(counts.byDay.reduce((a, d) => a + d.count, 0)).toBe(counts.total - 1);

    const list = await callRoute(formatsRoute.GET, { user: owner, params: { bookId } });
    const html = (list.json as { formats: { format: string; downloads: number }[] }).formats.find(
      (f) => f.format === "HTML",
    );
    expect(html?.downloads).toBe(2);
  });

  it("regenerates on demand for MEMBER (202, rows PENDING, one job per book) but not for GUEST", async () => {
    const before = await formatsSnapshot(db(), orgId);
    const refused = await callRoute(formatsRoute.POST, { user: guest, params: { bookId } });
    expect(refused.status).toBe(403);
    expect(await formatsSnapshot(db(), orgId)).toBe(before);

    const first = await callRoute(formatsRoute.POST, { user: member, params: { bookId } });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ queued: true, jobId: expect.any(String) });
    const rows = await db().bookFormat.findMany({ where: { bookId } });
    expect(rows.every((r) => r.status === "PENDING")).toBe(true);
    // Files stay downloadable while the new render waits.
    const still = await rawCall(downloadRoute.GET, { user: member, path: "/x", params: { bookId, format: "html" } });
    expect(still.status).toBe(302);

    const second = await callRoute(formatsRoute.POST, { user: owner, params: { bookId } });
    expect(second.status).toBe(202);
    const boss = await getQueue();
    const queued = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job
      WHERE name = ${EXPORT_FORMATS_QUEUE} AND singleton_key = ${bookId} AND state = 'created'`;
    expect(queued[0]?.n).toBe(1);
    const job = await boss.getJobById(EXPORT_FORMATS_QUEUE, (first.json as { jobId: string }).jobId);
    expect(job?.data).toEqual({ bookId, organizationId: orgId });

    await renderBookFormats({ db: db() }, { bookId, organizationId: orgId });
    const list = await callRoute(formatsRoute.GET, { user: member, params: { bookId } });
    expect((list.json as { formats: { status: string }[] }).formats.every((f) => f.status === "READY")).toBe(true);
  });

  it("refuses regenerating a book without content (409)", async () => {
    const empty = await db().book.create({ data: { organizationId: orgId, title: "Draft", topic: "t", goal: "g" } });
    const res = await callRoute(formatsRoute.POST, { user: owner, params: { bookId: empty.id } });
    expect(res.status).toBe(409);
    expect(await db().bookFormat.count({ where: { bookId: empty.id } })).toBe(0);
  });
});
