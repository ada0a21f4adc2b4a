import { expect } from "vitest";
import * as bookChapter from "@/app/api/books/[bookId]/chapters/[chapterId]/route";
import * as bookChapterOrder from "@/app/api/books/[bookId]/chapters/order/route";
import * as bookChapters from "@/app/api/books/[bookId]/chapters/route";
import * as bookRevisionRestore from "@/app/api/books/[bookId]/revisions/[revisionId]/restore/route";
import * as bookRevision from "@/app/api/books/[bookId]/revisions/[revisionId]/route";
import * as bookRevisions from "@/app/api/books/[bookId]/revisions/route";
import type { FormatType } from "@/generated/prisma/enums";
import { assembleBookMarkdown } from "@/server/books/assemble-book-markdown";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { getQueue } from "@/server/queue/queue";
import { runGeneration } from "@/server/generation/run-generation";
import { testDeps } from "../helpers/books";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { booksSnapshot } from "../helpers/tenant-snapshot";
import { bookRoutes } from "./book-routes";
import { createOrganizationAs } from "./organization-setup";
import { routes } from "./routes";

/** The editing routes, imported once for the editing suites. */
export const editingRoutes = {
  bookChapter,
  bookChapterOrder,
  bookChapters,
  bookRevisionRestore,
  bookRevision,
  bookRevisions,
};

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
export type Json = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: route handlers declare differently shaped params.
export type Handler = (r: Request, c: { params: Promise<any> }) => Promise<Response>;

export const brief = {
  title: "Bread at Home",
  topic: "baking sourdough bread at home",
  goal: "bake a first good loaf",
  language: "en",
  targetChapters: 3,
  targetWords: 600,
};
export const FORMATS: FormatType[] = ["PDF", "EPUB", "DOCX", "HTML", "MARKDOWN"];

/** Everything an edit can touch in an organization (with the Foundation's snapshot: activity, members…). */
export function editingSnapshot(organizationId: string, userIds: string[] = []): Promise<string> {
  return booksSnapshot(organizationId, userIds, [
    db().bookFormat.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    db().usageMetric.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  ]);
}

export const chaptersOf = (bookId: string) => db().chapter.findMany({ where: { bookId }, orderBy: { order: "asc" } });
export const revisionsOf = (bookId: string) =>
  db().bookRevision.findMany({ where: { bookId }, orderBy: { createdAt: "asc" } });

/** Creates and fully generates a demo book through the routes; gives it rendered (fresh) formats. */
export async function generatedBook(user: TestUser, title: string) {
  const res = await callRoute(bookRoutes.books.POST, { user, body: { ...brief, title } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const created = res.json as Json;
  const { deps } = testDeps();
  expect(await runGeneration(deps, { bookJobId: created.job.id })).toBe("completed");
  const bookId = created.book.id as string;
  const book = await db().book.findUniqueOrThrow({ where: { id: bookId } });
  // Finalizing left the rows PENDING (their render queued, never run here): replace them with rendered ones.
  await db().bookFormat.deleteMany({ where: { bookId } });
  await db().bookFormat.createMany({
    data: FORMATS.map((format) => ({
      bookId,
      organizationId: book.organizationId,
      format,
      filePath: `orgs/${book.organizationId}/books/${bookId}/${format.toLowerCase()}`,
      size: 1000n,
      status: "READY" as const,
      stale: false,
      renderedAt: new Date(),
    })),
  });
  return { bookId, jobId: created.job.id as string };
}

/** The book's content must always be its chapters assembled in order. */
export async function expectAssembled(bookId: string) {
  const book = await db().book.findUniqueOrThrow({ where: { id: bookId } });
  expect(book.content).toBe(assembleBookMarkdown(book.title, await chaptersOf(bookId)));
  return book;
}

export const patchChapter = (user: TestUser, bookId: string, chapterId: string, body: unknown) =>
  callRoute(bookChapter.PATCH, { user, method: "PATCH", params: { bookId, chapterId }, body });

export const putChapterOrder = (user: TestUser, bookId: string, body: unknown) =>
  callRoute(bookChapterOrder.PUT, { user, method: "PUT", params: { bookId }, body });

export interface EditingOrganization {
  owner: TestUser;
  member: TestUser;
  guest: TestUser;
  outsider: TestUser;
  orgId: string;
}

/** An organization on PRO with an owner, a member and a guest; the outsider owns another organization. */
export async function editingOrganization(label: string, name: string): Promise<EditingOrganization> {
  const owner = await signUpAndSignIn(`${label}-owner`);
  const member = await signUpAndSignIn(`${label}-member`);
  const guest = await signUpAndSignIn(`${label}-guest`);
  const outsider = await signUpAndSignIn(`${label}-outsider`);
  // More books than the free plan's monthly 10: this suite is about editing, not plan limits.
  const orgId = await createOrganizationAs(owner, name, "PRO");
  await callRoute(routes.organizations.POST, { user: outsider, body: { name: "Other Press" } });
  for (const [user, role] of [
    [member, "MEMBER"],
    [guest, "GUEST"],
  ] as const) {
    await db().organizationMember.create({ data: { organizationId: orgId, userId: user.id, role } });
    expect((await callRoute(routes.activeOrganization.POST, { user, body: { organizationId: orgId } })).status).toBe(
      200,
    );
  }
  return { owner, member, guest, outsider, orgId };
}

/** Closes what generating books opened (job event listeners, the queue), after a suite. */
export async function stopEditingWork(): Promise<void> {
  await closeJobEvents();
  await (await getQueue()).stop({ graceful: false, wait: true });
}
