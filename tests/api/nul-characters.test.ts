import { beforeAll, describe, expect, it } from "vitest";
import * as adminOrganizations from "@/app/api/admin/organizations/route";
import * as adminUsers from "@/app/api/admin/users/route";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as bookChapterOrder from "@/app/api/books/[bookId]/chapters/order/route";
import * as bookChapter from "@/app/api/books/[bookId]/chapters/[chapterId]/route";
import * as bookRevisions from "@/app/api/books/[bookId]/revisions/route";
import * as devOutbox from "@/app/api/dev/outbox/route";
import * as apiKeys from "@/app/api/organization/api-keys/route";
import * as v1Book from "@/app/api/v1/books/[bookId]/route";
import * as v1Books from "@/app/api/v1/books/route";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { callV1, createTestKey } from "../support/public-api/v1-test-kit";
import { seedCompletedBook } from "../helpers/books";
import { callRoute, signUpAndSignIn, type TestUser, uniqueEmail } from "../helpers/session-client";
import { booksSnapshot } from "../helpers/tenant-snapshot";
import { bookRoutes } from "./book-routes";
import { createOrganizationAs } from "./organization-setup";
import { routes } from "./routes";

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: route handlers declare differently shaped params.
type Handler = (r: Request, c: { params: Promise<any> }) => Promise<Response>;

const NUL = "\u0000";

describe("NUL and control characters are refused with 400 and the field, and change nothing", () => {
  let owner: TestUser;
  let admin: TestUser;
  let organizationId: string;
  let bookId: string;
  let chapterIds: string[];
  let notificationId: string;
  let apiKey: string;

  /** Everything these routes could write: books, chapters, revisions, keys, notifications, org and activity. */
  function snapshot(): Promise<string> {
    return booksSnapshot(
      organizationId,
      [owner.id],
      [
        db().apiKey.findMany({ where: { organizationId }, orderBy: { id: "asc" }, omit: { lastUsedAt: true } }),
        db().notification.findMany({ where: { userId: owner.id }, orderBy: { id: "asc" } }),
        db().usageMetric.findMany({ where: { organizationId, metric: { not: "API_CALLS" } }, orderBy: { id: "asc" } }),
      ],
    );
  }

  function expectRefused(res: { status: number; json: Json | null }, field: string | null) {
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json?.error.code).toBe("VALIDATION_FAILED");
    expect(res.json?.error.field).toBe(field);
  }

  beforeAll(async () => {
    owner = await signUpAndSignIn("nul-owner");
    admin = await signUpAndSignIn("nul-admin", { role: "SUPER_ADMIN" });
    organizationId = await createOrganizationAs(owner, "Nul Press", "ENTERPRISE");
    ({ bookId, chapterIds } = await seedCompletedBook(organizationId, owner.id, {
      title: "Clean",
      topic: "control characters",
      goal: "refuse them",
    }));
    notificationId = (
      await db().notification.create({
        data: { userId: owner.id, organizationId, type: "book.completed", title: "Done", body: "Your book is ready" },
      })
    ).id;
    apiKey = (await createTestKey(owner, { name: "nul key" })).secret;
  });

  const bodyCases: [
    string,
    () => Handler,
    string,
    () => Record<string, unknown>,
    () => Record<string, string>,
    string,
  ][] = [
    [
      "book title",
      () => bookRoutes.books.POST,
      "POST",
      () => ({ title: `Ti${NUL}tle`, topic: "fine topic", goal: "fine goal" }),
      () => ({}),
      "title",
    ],
    [
      "book topic",
      () => bookRoutes.books.POST,
      "POST",
      () => ({ title: "Title", topic: `to${NUL}pic`, goal: "fine goal" }),
      () => ({}),
      "topic",
    ],
    [
      "book topic edit",
      () => bookRoutes.book.PATCH,
      "PATCH",
      () => ({ topic: `new${NUL}topic` }),
      () => ({ bookId }),
      "topic",
    ],
    [
      "chapter content",
      () => bookChapter.PATCH,
      "PATCH",
      () => ({ content: `Text${NUL}.` }),
      () => ({ bookId, chapterId: chapterIds[0]! }),
      "content",
    ],
    [
      "chapter order ids",
      () => bookChapterOrder.PUT,
      "PUT",
      () => ({ chapterIds: [chapterIds[1], chapterIds[0], NUL] }),
      () => ({ bookId }),
      "chapterIds.2",
    ],
    [
      "organization name",
      () => routes.organization.PATCH,
      "PATCH",
      () => ({ name: `Nul${NUL}Press` }),
      () => ({}),
      "name",
    ],
    [
      "new organization name",
      () => routes.organizations.POST,
      "POST",
      () => ({ name: `Other${NUL}Press` }),
      () => ({}),
      "name",
    ],
    [
      "API key name",
      () => apiKeys.POST,
      "POST",
      () => ({ name: `key${NUL}`, scopes: ["books:read"] }),
      () => ({}),
      "name",
    ],
    [
      "engine model",
      () => bookRoutes.engine.PUT,
      "PUT",
      () => ({ defaultEngine: "demo", openaiCompatible: { model: `gpt${NUL}` } }),
      () => ({}),
      "openaiCompatible.model",
    ],
    [
      "notification id",
      () => bookRoutes.notifications.POST,
      "POST",
      () => ({ ids: [notificationId, `${notificationId}${NUL}`] }),
      () => ({}),
      "ids.1",
    ],
    [
      "an object key",
      () => bookRoutes.book.PATCH,
      "PATCH",
      () => ({ [`ti${NUL}tle`]: "x", topic: "fine topic" }),
      () => ({ bookId }),
      `ti${NUL}tle`,
    ],
    [
      "a bell character",
      () => bookRoutes.book.PATCH,
      "PATCH",
      () => ({ title: "Ring\u0007" }),
      () => ({ bookId }),
      "title",
    ],
    [
      "an escape character",
      () => bookChapter.PATCH,
      "PATCH",
      () => ({ title: "Esc\u001b[31m" }),
      () => ({ bookId, chapterId: chapterIds[1]! }),
      "title",
    ],
  ];
  for (const [label, handler, method, body, params, field] of bodyCases) {
    it(`${label} → 400 on ${JSON.stringify(field)}`, async () => {
      const before = await snapshot();
      const res = await callRoute(handler(), { user: owner, method, body: body(), params: params() });
      expectRefused(res, field);
      expect(await snapshot()).toBe(before);
    });
  }

  const listCases: [string, () => Handler, () => TestUser, () => Record<string, string>, string][] = [
    ["/api/books", () => bookRoutes.books.GET, () => owner, () => ({}), "/api/books"],
    ["/api/notifications", () => bookRoutes.notifications.GET, () => owner, () => ({}), "/api/notifications"],
    ["/api/organization/activity", () => routes.activity.GET, () => owner, () => ({}), "/api/organization/activity"],
    ["/api/books/:id/revisions", () => bookRevisions.GET, () => owner, () => ({ bookId }), "/api/books/x/revisions"],
    ["/api/admin/users", () => adminUsers.GET, () => admin, () => ({}), "/api/admin/users"],
    ["/api/admin/organizations", () => adminOrganizations.GET, () => admin, () => ({}), "/api/admin/organizations"],
  ];
  for (const [label, handler, user, params, path] of listCases) {
    it(`cursor=%00 on ${label} → 400 on cursor`, async () => {
      const before = await snapshot();
      const res = await callRoute(handler(), { user: user(), path: `${path}?cursor=%00&limit=5`, params: params() });
      expectRefused(res, "cursor");
      expect(await snapshot()).toBe(before);
    });
  }

  it("to=%00 on the local outbox → 400 on to", async () => {
    expectRefused(await callRoute(devOutbox.GET, { path: "/api/dev/outbox?to=%00" }), "to");
  });

  it("cursor=%00 on the public API's book list → 400 on cursor", async () => {
    const res = await callV1(v1Books.GET as Handler, { key: apiKey, path: "/books?cursor=%00" });
    expectRefused(res, "cursor");
  });

  it("a NUL in a route parameter (bookId, chapterId) → 400 on it, session and public API alike", async () => {
    const before = await snapshot();
    expectRefused(await callRoute(bookRoutes.book.GET, { user: owner, params: { bookId: NUL } }), "bookId");
    expectRefused(
      await callRoute(bookRoutes.book.PATCH, {
        user: owner,
        method: "PATCH",
        params: { bookId: `${bookId}${NUL}` },
        body: { title: "New" },
      }),
      "bookId",
    );
    expectRefused(
      await callRoute(bookChapter.PATCH, {
        user: owner,
        method: "PATCH",
        params: { bookId, chapterId: `x${NUL}` },
        body: { title: "New" },
      }),
      "chapterId",
    );
    expectRefused(
      await callV1(v1Book.GET as Handler, { key: apiKey, path: "/books/%00", params: { bookId: NUL } }),
      "bookId",
    );
    expect(await snapshot()).toBe(before);
  });

  it("a NUL in the public API's JSON body → 400 on the field, nothing created", async () => {
    const before = await snapshot();
    const res = await callV1(v1Books.POST as Handler, {
      key: apiKey,
      body: { title: `API${NUL}`, topic: "fine topic", goal: "fine goal" },
    });
    expectRefused(res, "title");
    expect(await snapshot()).toBe(before);
  });

  it("a NUL in a sign-up name → 400 on name, no user created", async () => {
    const email = uniqueEmail("nul-signup");
    const response = await authRoute.POST(
      new Request(`${env().APP_URL}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: env().APP_URL },
        body: JSON.stringify({ email, password: "correct horse battery", name: `Nul${NUL}Name` }),
      }),
    );
    const json = (await response.json()) as Json;
    expectRefused({ status: response.status, json }, "name");
    expect(json.code).toBe("VALIDATION_FAILED");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("leaves passwords alone: they are hashed, never stored as text", async () => {
    const email = uniqueEmail("ctl-password");
    const response = await authRoute.POST(
      new Request(`${env().APP_URL}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: env().APP_URL },
        body: JSON.stringify({ email, password: "correct horse\u0007battery", name: "Bell Ringer" }),
      }),
    );
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("keeps TAB, line breaks and ordinary Unicode: such a chapter saves", async () => {
    const content = "Line one\twith a tab\r\nline two — « été » 本 🙂\n\nThe end.";
    const res = await callRoute(bookChapter.PATCH, {
      user: owner,
      method: "PATCH",
      params: { bookId, chapterId: chapterIds[1]! },
      body: { content },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[1] } })).content).toBe(
      content.replace(/\r\n/g, "\n"),
    );
  });

  it("answers in French with the same code and field", async () => {
    const res = await callRoute(bookRoutes.book.PATCH, {
      user: owner,
      method: "PATCH",
      params: { bookId },
      body: { title: `Titre${NUL}` },
      headers: { "accept-language": "fr-FR" },
    });
    expectRefused(res, "title");
    expect((res.json as Json | null)?.error.message).toBe(
      "title: Supprimez les caractères de contrôle (comme NUL) de ce texte",
    );
  });
});
