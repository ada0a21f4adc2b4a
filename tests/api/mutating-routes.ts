// Every state-changing route handler of the app, found on disk at test time (src/app/api/**/route.ts), so
// a route added tomorrow is walked by the CSRF and permission-order tests without anyone listing it.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OrgRole } from "@/generated/prisma/enums";
import type { OrgAction } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { runGeneration } from "@/server/generation/run-generation";
import { createTestKey, v1Snapshot } from "../support/public-api/v1-test-kit";
import { createTestBook, testDeps } from "../helpers/books";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { routes } from "./routes";

const apiDir = fileURLToPath(new URL("../../src/app/api", import.meta.url));
const mutatingMethods = ["POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

export interface MutatingRoute {
  /** `POST /api/books/[bookId]`: how tests name it. */
  name: string;
  method: (typeof mutatingMethods)[number];
  /** The route's path pattern, with Next's `[param]` segments. */
  pattern: string;
  handler: Handler;
  /** v1 routes carry the operation they implement, with its permission. */
  action?: OrgAction;
}

/** Imports every route module under src/app/api and returns its POST/PUT/PATCH/DELETE exports. */
export async function mutatingRoutes(): Promise<MutatingRoute[]> {
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .sort();
  const found: MutatingRoute[] = [];
  for (const file of files) {
    const module = (await import(path.join(apiDir, file))) as Record<string, unknown>;
    const pattern = `/api/${path.dirname(file).split(path.sep).join("/")}`;
    for (const method of mutatingMethods) {
      const handler = module[method] as (Handler & { operation?: { action: OrgAction } }) | undefined;
      if (typeof handler !== "function") continue;
      found.push({ name: `${method} ${pattern}`, method, pattern, handler, action: handler.operation?.action });
    }
  }
  return found;
}

/** The real rows the walked routes are pointed at: a write that got through would change them. */
export interface RouteFixtures {
  owner: TestUser;
  member: TestUser;
  guest: TestUser;
  organizationId: string;
  otherOrganizationId: string;
  /** Route parameter values by name, real ids of the owner's organization. */
  params: Record<string, string>;
  /** `invitationId` for /api/invitations/…: an invitation addressed to the owner by another organization. */
  invitationToOwnerId: string;
  bookId: string;
}

async function createOrganization(user: TestUser, name: string): Promise<string> {
  const res = await callRoute(routes.organizations.POST, { user, body: { name } });
  if (res.status !== 201) throw new Error(`organization creation failed: ${res.status} ${JSON.stringify(res.json)}`);
  return (res.json as { organization: { id: string } }).organization.id;
}

async function joinAs(user: TestUser, organizationId: string, role: OrgRole): Promise<string> {
  const membership = await db().organizationMember.create({ data: { organizationId, userId: user.id, role } });
  // Their own organization first, so they have one to switch from; then the shared one becomes active.
  await createOrganization(user, `${role} own org`);
  const switched = await callRoute(routes.activeOrganization.POST, { user, body: { organizationId } });
  if (switched.status !== 200) throw new Error(`switch failed: ${switched.status} ${JSON.stringify(switched.json)}`);
  return membership.id;
}

/**
 * An ENTERPRISE organization with an owner, a MEMBER and a GUEST (the shared organization active in their
 * sessions), a generated book with chapters and a revision, a pending invitation, an API key, and an
 * invitation to the owner from another organization.
 */
export async function createRouteFixtures(label: string): Promise<RouteFixtures> {
  const owner = await signUpAndSignIn(`${label}-owner`);
  const member = await signUpAndSignIn(`${label}-member`);
  const guest = await signUpAndSignIn(`${label}-guest`);
  const outsider = await signUpAndSignIn(`${label}-outsider`);
  const organizationId = await createOrganization(owner, `${label} Press`);
  await db().organization.update({ where: { id: organizationId }, data: { plan: "ENTERPRISE" } });
  const memberId = await joinAs(member, organizationId, "MEMBER");
  await joinAs(guest, organizationId, "GUEST");

  const ownerCtx: Ctx = {
    db: db(),
    meta: { ipAddress: "127.0.0.1", userAgent: "vitest" },
    actor: { userId: owner.id, organizationId, orgRole: "OWNER", userRole: "USER", via: "session", scopes: [] },
  };
  const { book, job } = await createTestBook(ownerCtx, { title: `${label} protected book` });
  if ((await runGeneration(testDeps().deps, { bookJobId: job.id })) !== "completed") throw new Error("generation");
  const chapter = await db().chapter.findFirstOrThrow({ where: { bookId: book.id }, orderBy: { order: "asc" } });
  const revision = await db().bookRevision.findFirstOrThrow({ where: { bookId: book.id } });
  const correction = await db().chapterCorrection.create({
    data: {
      chapterId: chapter.id,
      bookId: book.id,
      organizationId,
      type: "SPELLING",
      severity: "ERROR",
      message: "Fixture finding",
      original: chapter.content.slice(0, 4),
      suggestions: ["Fixture"],
      startOffset: 0,
      endOffset: 4,
      checker: "fixture",
      ruleId: "fixture",
      fingerprint: "fixture",
    },
  });
  await db().bookCheckRun.create({
    data: { bookId: book.id, organizationId, trigger: "MANUAL", status: "COMPLETED", finishedAt: new Date() },
  });
  // A comment by the MEMBER on the first words of the first chapter (/api/books/[bookId]/comments/[commentId]/…).
  const comment = await db().bookComment.create({
    data: {
      organizationId,
      bookId: book.id,
      chapterId: chapter.id,
      authorId: member.id,
      body: "Fixture comment",
      startOffset: 0,
      endOffset: 4,
      quote: chapter.content.slice(0, 4),
    },
  });

  const invited = await callRoute(routes.orgInvitations.POST, {
    user: owner,
    body: { email: `${label}-invitee@example.test`, role: "MEMBER" },
  });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status}`);
  const key = await createTestKey(owner, { name: `${label} key` });

  const otherOrganizationId = await createOrganization(outsider, `${label} Other Press`);
  const toOwner = await callRoute(routes.orgInvitations.POST, {
    user: outsider,
    body: { email: owner.email, role: "MEMBER" },
  });
  if (toOwner.status !== 201) throw new Error(`invitation to owner failed: ${toOwner.status}`);
  // A pending share of the book (/api/books/[bookId]/collaborators/[collaboratorId]/…, /api/book-invitations/…).
  const collaborator = await db().bookCollaborator.create({
    data: {
      bookId: book.id,
      email: `${label}-reviewer@example.test`,
      role: "VIEWER",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  // A platform grant for the admin routes (/api/admin/organizations/[orgId]/grants/[grantId]/…).
  const grant = await db().planGrant.create({
    data: { organizationId, plan: "PRO", reason: `${label} fixture grant` },
  });

  return {
    owner,
    member,
    guest,
    organizationId,
    otherOrganizationId,
    bookId: book.id,
    invitationToOwnerId: (toOwner.json as { invitation: { id: string } }).invitation.id,
    params: {
      bookId: book.id,
      chapterId: chapter.id,
      revisionId: revision.id,
      correctionId: correction.id,
      commentId: comment.id,
      invitationId: (invited.json as { invitation: { id: string } }).invitation.id,
      memberId,
      keyId: key.id,
      jobId: job.id,
      format: "epub",
      key: `${organizationId}/books/${book.id}/book.epub`,
      orgId: organizationId,
      grantId: grant.id,
      collaboratorId: collaborator.id,
    },
  };
}

/** The route parameters of a pattern, filled with the fixtures' real ids. */
export function paramsFor(
  route: Pick<MutatingRoute, "name" | "pattern">,
  fixtures: RouteFixtures,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.pattern.matchAll(/\[(?:\.\.\.)?([A-Za-z]+)\]/g)) {
    const value = fixtures.params[name!];
    if (value === undefined) throw new Error(`${route.name}: no fixture for [${name}]; add one to createRouteFixtures`);
    params[name!] = value;
  }
  // The invitee's routes act on invitations addressed to the caller, not on the organization's own.
  if (route.pattern.startsWith("/api/invitations/")) params.invitationId = fixtures.invitationToOwnerId;
  return params;
}

/** Calls a route handler with exactly these headers (no defaults: the tests decide Origin and Content-Type). */
export async function send(
  route: MutatingRoute,
  fixtures: RouteFixtures,
  options: { cookie?: string; headers?: Record<string, string>; body?: string; host?: string },
) {
  const params = paramsFor(route, fixtures);
  const urlPath = route.pattern.replace(/\[(?:\.\.\.)?([A-Za-z]+)\]/g, (_, name: string) => params[name]!);
  const headers: Record<string, string> = { "user-agent": "vitest-csrf", ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
  // Next builds the request URL from the Host header: `host` plays an attacker who set it.
  const base = options.host ? `http://${options.host}` : new URL(env().APP_URL).origin;
  const request = new Request(`${base}${urlPath}`, {
    method: route.method,
    headers,
    body: options.body,
  });
  const response = await route.handler(request, { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  let json: { error?: { code?: string; field?: string | null } } | null = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, code: json?.error?.code ?? null, field: json?.error?.field ?? null };
}

/**
 * A fingerprint of everything the walked routes could change: the organization's tenant data (members,
 * invitations, activity, books, chapters, jobs, keys, usage), its settings and billing rows, its comments, the users'
 * sessions, memberships, notifications and invitations, and the other organization's invitation.
 */
export async function everythingSnapshot(fixtures: RouteFixtures): Promise<string> {
  const d = db();
  const userIds = [fixtures.owner.id, fixtures.member.id, fixtures.guest.id];
  const where = { organizationId: fixtures.organizationId };
  const parts = await Promise.all([
    tenantSnapshot(fixtures.organizationId, userIds),
    v1Snapshot(fixtures.organizationId),
    tenantSnapshot(fixtures.otherOrganizationId),
    d.bookRevision.findMany({ where: { bookId: fixtures.bookId }, orderBy: { id: "asc" } }),
    d.storageConfig.findMany({ where }),
    d.subscription.findMany({ where }),
    d.billingCheckout.findMany({ where }),
    d.organizationMember.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    d.notification.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    d.chapterCorrection.findMany({ where, orderBy: { id: "asc" } }),
    d.bookCorrection.findMany({ where, orderBy: { id: "asc" } }),
    d.bookCheckRun.findMany({ where, orderBy: { id: "asc" } }),
    d.organizationWord.findMany({ where, orderBy: { id: "asc" } }),
    d.planGrant.findMany({ where, orderBy: { id: "asc" } }),
    d.bookComment.findMany({ where, orderBy: { id: "asc" } }),
    d.bookCommentReply.findMany({ where, orderBy: { id: "asc" } }),
    d.bookCommentMention.findMany({ where: { comment: where }, orderBy: { id: "asc" } }),
    d.bookCollaborator.findMany({ where: { book: where }, orderBy: { id: "asc" } }),
  ]);
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
