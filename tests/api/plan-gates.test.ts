import { beforeAll, describe, expect, it } from "vitest";
import * as storageTestRoute from "@/app/api/organization/storage/test/route";
import * as storageRoute from "@/app/api/organization/storage/route";
import { db } from "@/server/db/client";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

type ErrorBody = { error: { code: string; upgradeTo?: string; feature?: string } };

// Paid features refused on FREE with 402 PLAN_LIMIT_REACHED naming the plan to upgrade to (issue 8),
// and allowed once the organization is on that plan.
describe("plan gates on engines and storage", () => {
  let owner: TestUser;
  let orgId: string;
  const openai = {
    defaultEngine: "openai-compatible",
    openaiCompatible: { baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "sk-test" },
  };
  const s3 = {
    provider: "AWS_S3",
    bucket: "books",
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
  };

  beforeAll(async () => {
    owner = await signUpAndSignIn("gates");
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Gated Press" } });
    orgId = (created.json as { organization: { id: string } }).organization.id;
  });

  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        db().organization.findUniqueOrThrow({
          where: { id: orgId },
          select: { engineSettings: true, engineSecretEncrypted: true },
        }),
        db().storageConfig.findUnique({ where: { organizationId: orgId } }),
        db().book.count({ where: { organizationId: orgId } }),
      ]),
    );

  it("refuses real engines, custom storage and its connection test on FREE, changing nothing", async () => {
    const before = await snapshot();
    const engine = await callRoute(bookRoutes.engine.PUT, { user: owner, method: "PUT", body: openai });
    const storage = await callRoute(storageRoute.PUT, { user: owner, method: "PUT", body: s3 });
    const test = await callRoute(storageTestRoute.POST, { user: owner, body: s3 });
    for (const [res, feature] of [
      [engine, "advancedEngines"],
      [storage, "customStorage"],
      [test, "customStorage"],
    ] as const) {
      expect(res.status).toBe(402);
      const error = (res.json as ErrorBody).error;
      expect(error.code).toBe("PLAN_LIMIT_REACHED");
      expect(error.feature).toBe(feature);
      expect(error.upgradeTo).toBe("PRO");
    }
    expect(await snapshot()).toBe(before);
  });

  it("still lets FREE use the demo engine and local storage options", async () => {
    const demo = await callRoute(bookRoutes.engine.PUT, {
      user: owner,
      method: "PUT",
      body: { defaultEngine: "demo" },
    });
    expect(demo.status).toBe(200);
    const local = await callRoute(storageRoute.PUT, {
      user: owner,
      method: "PUT",
      body: { provider: "LOCAL", prefix: "press" },
    });
    expect(local.status).toBe(200);
  });

  it("refuses a book on a configured real engine after a downgrade to FREE", async () => {
    await db().organization.update({ where: { id: orgId }, data: { plan: "PRO" } });
    const configured = await callRoute(bookRoutes.engine.PUT, { user: owner, method: "PUT", body: openai });
    expect(configured.status).toBe(200);
    await db().organization.update({ where: { id: orgId }, data: { plan: "FREE" } });
    const books = await db().book.count({ where: { organizationId: orgId } });
    const created = await callRoute(bookRoutes.books.POST, {
      user: owner,
      body: {
        title: "Gated",
        topic: "a topic",
        goal: "a goal",
        targetChapters: 2,
        targetWords: 600,
        engine: "openai-compatible",
      },
    });
    expect(created.status).toBe(402);
    expect((created.json as ErrorBody).error).toMatchObject({ code: "PLAN_LIMIT_REACHED", upgradeTo: "PRO" });
    expect(await db().book.count({ where: { organizationId: orgId } })).toBe(books);
    const demoBook = await callRoute(bookRoutes.books.POST, {
      user: owner,
      body: {
        title: "Free demo",
        topic: "a topic",
        goal: "a goal",
        targetChapters: 2,
        targetWords: 600,
        engine: "demo",
      },
    });
    expect(demoBook.status).toBe(201);
  });
});
