import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as continueRoute from "@/app/api/books/[bookId]/job/continue/route";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { runGeneration } from "@/server/generation/run-generation";
import { testDeps } from "../helpers/books";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

// POST /api/books/:id/job/continue: a writer continues a generation paused for the plan review. Every refusal
// leaves the database as it was.

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;

async function snapshot(organizationId: string, bookId: string) {
  const jobs = await db().bookJob.findMany({ where: { bookId }, orderBy: { id: "asc" } });
  return JSON.stringify({ jobs, tenant: await tenantSnapshot(organizationId) });
}

describe("continuing a generation paused for review", () => {
  let owner: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let orgId: string;
  let pausedBookId: string;
  let runningBookId: string;

  async function createBook(user: TestUser, reviewPlan: boolean) {
    const created = await callRoute(bookRoutes.books.POST, {
      user,
      body: {
        title: "Reviewed book",
        topic: "a topic",
        goal: "a goal",
        targetChapters: 2,
        targetWords: 600,
        reviewPlan,
      },
    });
    if (created.status !== 201) throw new Error(`book: ${created.status} ${JSON.stringify(created.json)}`);
    return created.json as Json;
  }

  beforeAll(async () => {
    owner = await signUpAndSignIn("continue-owner");
    guest = await signUpAndSignIn("continue-guest");
    outsider = await signUpAndSignIn("continue-outsider");
    orgId = ((await callRoute(routes.organizations.POST, { user: owner, body: { name: "Review Press" } })).json as Json)
      .organization.id;
    await callRoute(routes.organizations.POST, { user: outsider, body: { name: "Other Press" } });
    await db().organizationMember.create({ data: { organizationId: orgId, userId: guest.id, role: "GUEST" } });
    await callRoute(routes.organizations.POST, { user: guest, body: { name: "Guest Own" } });
    await callRoute(routes.activeOrganization.POST, { user: guest, body: { organizationId: orgId } });

    const paused = await createBook(owner, true);
    expect(paused.book.id).toBeTruthy();
    pausedBookId = paused.book.id;
    expect(await runGeneration(testDeps().deps, { bookJobId: paused.job.id })).toBe("paused");
    runningBookId = (await createBook(owner, false)).book.id; // PENDING: never paused
  });
  afterAll(async () => {
    await closeJobEvents();
  });

  const post = (
    user: TestUser,
    bookId: string,
    extra: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ) => callRoute(continueRoute.POST, { user, params: { bookId }, body: {}, ...extra });

  it("the job reads AWAITING_REVIEW on the job route", async () => {
    const res = await callRoute(bookRoutes.bookJob.GET, { user: guest, params: { bookId: pausedBookId } });
    expect(res.status).toBe(200);
    expect((res.json as Json).job.status).toBe("AWAITING_REVIEW");
  });

  it("answers 404 to another organization and changes nothing", async () => {
    const before = await snapshot(orgId, pausedBookId);
    const res = await post(outsider, pausedBookId);
    expect(res.status).toBe(404);
    expect(await snapshot(orgId, pausedBookId)).toBe(before);
  });

  it("refuses a guest with 403 (even with a malformed body) and changes nothing", async () => {
    const before = await snapshot(orgId, pausedBookId);
    expect((await post(guest, pausedBookId)).status).toBe(403);
    expect((await post(guest, pausedBookId, { rawBody: '{"x": ' })).status).toBe(403);
    expect(await snapshot(orgId, pausedBookId)).toBe(before);
  });

  it("refuses a foreign Origin (CSRF) and changes nothing", async () => {
    const before = await snapshot(orgId, pausedBookId);
    const res = await post(owner, pausedBookId, { headers: { origin: "https://evil.test" } });
    expect(res.status).toBe(403);
    expect(await snapshot(orgId, pausedBookId)).toBe(before);
  });

  it("answers 400 to malformed, unknown-field, NUL-carrying or oversized bodies and changes nothing", async () => {
    const before = await snapshot(orgId, pausedBookId);
    const malformed = await post(owner, pausedBookId, { rawBody: '{"x": ' });
    expect(malformed.status).toBe(400);
    expect((malformed.json as Json).error.code).toBe("INVALID_JSON");
    const extra = await post(owner, pausedBookId, { body: { force: true } });
    expect(extra.status).toBe(400);
    expect((extra.json as Json).error.code).toBe("VALIDATION_FAILED");
    const nul = await post(owner, pausedBookId, { body: { "a\u0000": "b" } });
    expect(nul.status).toBe(400);
    const huge = await post(owner, pausedBookId, { body: { x: "y".repeat(2_000_000) } });
    expect([400, 413]).toContain(huge.status);
    expect(await snapshot(orgId, pausedBookId)).toBe(before);
  });

  it("answers 409 JOB_NOT_AWAITING_REVIEW to a job that is not paused and changes nothing", async () => {
    const before = await snapshot(orgId, runningBookId);
    const res = await post(owner, runningBookId);
    expect(res.status).toBe(409);
    expect((res.json as Json).error.code).toBe("JOB_NOT_AWAITING_REVIEW");
    expect(await snapshot(orgId, runningBookId)).toBe(before);
  });

  it("continues the paused job for a writer: PENDING, approved, logged", async () => {
    const res = await post(owner, pausedBookId);
    expect(res.status).toBe(202);
    expect((res.json as Json).job.status).toBe("PENDING");
    const job = await db().bookJob.findFirstOrThrow({ where: { bookId: pausedBookId } });
    expect(job.status).toBe("PENDING");
    expect(job.planApprovedAt).not.toBeNull();
    const logged = await db().activityLog.findFirst({ where: { organizationId: orgId, action: "job.continued" } });
    expect(logged?.metadata).toEqual({ jobId: job.id });
    // A second continue is a conflict.
    const again = await post(owner, pausedBookId);
    expect(again.status).toBe(409);
  });
});
