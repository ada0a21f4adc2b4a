import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDb } from "../../../tests/helpers/test-db";
import type { Plan } from "@/generated/prisma/enums";
import { countUsage } from "@/server/books/count-usage";
import { createBook } from "@/server/books/create-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { assertPlanAllows, assertStorageAvailable, reserveBookQuota } from "./plans";
import { usagePeriod } from "./usage-period";

const GB = 1024 ** 3;

/** A fresh organization on `plan` with an OWNER, and the context a session request would build. */
async function ownerContext(plan: Plan = "FREE"): Promise<Ctx> {
  const db = testDb();
  const suffix = randomUUID().slice(0, 8);
  const user = await db.user.create({ data: { name: "Limit Tester", email: `limits-${suffix}@example.test` } });
  const organization = await db.organization.create({
    data: { name: `Limits ${suffix}`, slug: `limits-${suffix}`, plan },
  });
  await db.organizationMember.create({ data: { organizationId: organization.id, userId: user.id, role: "OWNER" } });
  return {
    db,
    actor: {
      userId: user.id,
      organizationId: organization.id,
      orgRole: "OWNER",
      userRole: "USER",
      via: "session",
      scopes: [],
    },
    meta: { ipAddress: null, userAgent: null },
  };
}

const booksCreatedThisMonth = async (ctx: Ctx) => {
  const row = await ctx.db.usageMetric.findUnique({
    where: {
      organizationId_metric_periodStart: {
        organizationId: ctx.actor.organizationId,
        metric: "BOOKS_CREATED",
        periodStart: usagePeriod().periodStart,
      },
    },
  });
  return Number(row?.value ?? 0);
};

const bookInput = (i: number) => ({ title: `Book ${i}`, topic: "Woodworking for beginners", goal: "Build a stool" });
const noQueue = async () => "job-queued-in-test";

const rejectionOf = (result: PromiseSettledResult<unknown>) =>
  result.status === "rejected" ? (result.reason as AppError) : null;

describe("book limit: race-safe at the edge", () => {
  it("20 concurrent creations for a FREE organization with 3 left → exactly 3 succeed, 17 PLAN_LIMIT_REACHED", async () => {
    const ctx = await ownerContext("FREE");
    await countUsage(ctx.db, ctx.actor.organizationId, "BOOKS_CREATED", 7);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => createBook(ctx, bookInput(i), { enqueue: noQueue })),
    );
    const succeeded = results.filter((r) => r.status === "fulfilled");
    const refused = results.map(rejectionOf).filter((e): e is AppError => e !== null);
    expect(succeeded).toHaveLength(3);
    expect(refused).toHaveLength(17);
    for (const error of refused) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "PLAN_LIMIT_REACHED", status: 402 });
      expect(error.details).toMatchObject({ limit: 10, used: 10, upgradeTo: "STARTER", metric: "BOOKS_CREATED" });
    }
    const where = { organizationId: ctx.actor.organizationId };
    expect(await ctx.db.book.count({ where })).toBe(3);
    expect(await ctx.db.bookJob.count({ where })).toBe(3);
    expect(await ctx.db.activityLog.count({ where: { ...where, action: "book.created" } })).toBe(3);
    expect(await booksCreatedThisMonth(ctx)).toBe(10);
  });

  it("a rolled-back creation gives its unit back; upgrading raises the limit at once", async () => {
    const ctx = await ownerContext("FREE");
    await countUsage(ctx.db, ctx.actor.organizationId, "BOOKS_CREATED", 9);
    await expect(
      ctx.db.$transaction(async (tx) => {
        await reserveBookQuota(tx, ctx.actor.organizationId);
        await countUsage(tx, ctx.actor.organizationId, "BOOKS_CREATED");
        throw new Error("the book insert failed");
      }),
    ).rejects.toThrow("the book insert failed");
    expect(await booksCreatedThisMonth(ctx)).toBe(9);
    await createBook(ctx, bookInput(1), { enqueue: noQueue });
    await expect(createBook(ctx, bookInput(2), { enqueue: noQueue })).rejects.toMatchObject({
      code: "PLAN_LIMIT_REACHED",
    });

    await ctx.db.organization.update({ where: { id: ctx.actor.organizationId }, data: { plan: "STARTER" } });
    await createBook(ctx, bookInput(3), { enqueue: noQueue });
    expect(await booksCreatedThisMonth(ctx)).toBe(11);

    // Downgrading keeps every book; only new ones are refused while the month is over the lower limit.
    await ctx.db.organization.update({ where: { id: ctx.actor.organizationId }, data: { plan: "FREE" } });
    const refused = await createBook(ctx, bookInput(4), { enqueue: noQueue }).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: "PLAN_LIMIT_REACHED", details: { limit: 10, used: 11 } });
    expect(await ctx.db.book.count({ where: { organizationId: ctx.actor.organizationId } })).toBe(2);
  });

  it("the limit is per calendar month: last month's books do not count", async () => {
    const ctx = await ownerContext("FREE");
    const lastMonth = usagePeriod(new Date(), -1);
    await ctx.db.usageMetric.create({
      data: { organizationId: ctx.actor.organizationId, metric: "BOOKS_CREATED", value: 10, ...lastMonth },
    });
    await ctx.db.$transaction((tx) => reserveBookQuota(tx, ctx.actor.organizationId));
    const atEndOfLastMonth = new Date(lastMonth.periodEnd.getTime() - 1);
    await expect(
      ctx.db.$transaction((tx) => reserveBookQuota(tx, ctx.actor.organizationId, atEndOfLastMonth)),
    ).rejects.toMatchObject({ code: "PLAN_LIMIT_REACHED" });
  });

  it("PRO and ENTERPRISE have no book limit", async () => {
    for (const plan of ["PRO", "ENTERPRISE"] as const) {
      const ctx = await ownerContext(plan);
      await countUsage(ctx.db, ctx.actor.organizationId, "BOOKS_CREATED", 5000);
      const reserved = await ctx.db.$transaction((tx) => reserveBookQuota(tx, ctx.actor.organizationId));
      expect(reserved).toEqual({ used: 5000, limit: null });
    }
  });
});

describe("storage limit", () => {
  /** Records a rendered format of `size` bytes the way an export does: check, then write, in one transaction. */
  const storeFormat = (ctx: Ctx, bookId: string, format: "PDF" | "EPUB" | "DOCX" | "HTML" | "MARKDOWN", size: number) =>
    ctx.db.$transaction(
      async (tx) => {
        await assertStorageAvailable(tx, ctx.actor.organizationId, size);
        await tx.bookFormat.create({
          data: {
            bookId,
            organizationId: ctx.actor.organizationId,
            format,
            filePath: `f/${format}`,
            size: BigInt(size),
          },
        });
      },
      { maxWait: 10_000 },
    );

  it("refuses an export beyond the plan's storage with what is used and what to upgrade to; concurrent exports at the edge", async () => {
    const ctx = await ownerContext("FREE");
    const book = await ctx.db.book.create({
      data: {
        organizationId: ctx.actor.organizationId,
        title: "Big",
        topic: "t",
        goal: "g",
        content: "x".repeat(1000),
      },
    });
    await storeFormat(ctx, book.id, "PDF", GB - 1000 - 100);
    // 100 bytes left; four concurrent 40-byte exports: exactly two fit.
    const results = await Promise.allSettled(
      (["EPUB", "DOCX", "HTML", "MARKDOWN"] as const).map((format) => storeFormat(ctx, book.id, format, 40)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const refused = results.map(rejectionOf).filter((e): e is AppError => e !== null);
    expect(refused).toHaveLength(2);
    for (const error of refused) {
      expect(error).toMatchObject({ code: "PLAN_LIMIT_REACHED", status: 402 });
      expect(error.details).toMatchObject({ limit: GB, used: GB - 20, requested: 40, upgradeTo: "STARTER" });
    }
    const total = await ctx.db.bookFormat.aggregate({ where: { bookId: book.id }, _sum: { size: true } });
    expect(Number(total._sum.size) + 1000).toBe(GB - 20);

    // Re-rendering smaller never needs room; a bigger export than even STARTER holds points at PRO.
    await ctx.db.$transaction((tx) => assertStorageAvailable(tx, ctx.actor.organizationId, -500));
    const huge = await ctx.db
      .$transaction((tx) => assertStorageAvailable(tx, ctx.actor.organizationId, 20 * GB))
      .catch((e: AppError) => e);
    expect(huge).toMatchObject({ code: "PLAN_LIMIT_REACHED", details: { upgradeTo: "PRO" } });
  });
});

describe("plan features", () => {
  it("FREE and STARTER lack the advanced engines, custom storage and the API; each names its upgrade", async () => {
    for (const plan of ["FREE", "STARTER"] as const) {
      const ctx = await ownerContext(plan);
      for (const [feature, upgradeTo] of [
        ["advancedEngines", "PRO"],
        ["customStorage", "PRO"],
        ["apiAccess", "ENTERPRISE"],
      ] as const) {
        const error = await assertPlanAllows(ctx, ctx.actor.organizationId, feature).catch((e: AppError) => e);
        expect(error).toMatchObject({ code: "PLAN_LIMIT_REACHED", status: 402, details: { feature, plan, upgradeTo } });
      }
    }
  });

  it("PRO includes the advanced engines and custom storage but not the API; ENTERPRISE includes everything", async () => {
    const pro = await ownerContext("PRO");
    expect(await assertPlanAllows(pro.db, pro.actor.organizationId, "advancedEngines")).toBe("PRO");
    expect(await assertPlanAllows(pro, pro.actor.organizationId, "customStorage")).toBe("PRO");
    await expect(assertPlanAllows(pro, pro.actor.organizationId, "apiAccess")).rejects.toMatchObject({
      details: { upgradeTo: "ENTERPRISE" },
    });
    const enterprise = await ownerContext("ENTERPRISE");
    for (const feature of ["advancedEngines", "customStorage", "apiAccess", "multipleOrganizations"] as const) {
      expect(await assertPlanAllows(enterprise, enterprise.actor.organizationId, feature)).toBe("ENTERPRISE");
    }
  });
});
