import "server-only";
import { type PaidPlan, type PlanFeature, paidPlans } from "@/contracts/billing";
import type { Plan } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { billingOff, effectivePlanOf, effectivePlansOf, lockEffectivePlan } from "./effective-plan";
import { usagePeriod } from "./usage-period";

/**
 * The one place for plans, prices and limits (docs/decisions/0005-plan-limits.md explains the choices).
 * Limits are enforced here, inside the caller's transaction, against the organization's effective plan
 * (effective-plan.ts: the higher of the paid Organization.plan and an active platform grant; no limit
 * with BILLING=off).
 */

// The features a plan may include (each checked with `assertPlanAllows`) and the plans bought through
// Paystack are listed once, in src/contracts/billing.ts, which the UI reads too.

export interface PlanLimits {
  /** Books created per calendar month (UTC); null = unlimited. */
  booksPerMonth: number | null;
  /** Bytes of exported formats the organization may keep; null = unlimited. */
  storageBytes: number | null;
}

export interface PlanDefinition {
  id: Plan;
  name: string;
  /** Monthly price in the currency's subunit (kobo for NGN); 0 = free. */
  monthlyPrice: number;
  limits: PlanLimits;
  features: readonly PlanFeature[];
}

const GB = 1024 ** 3;

/** Plans from cheapest to most complete: every plan includes everything of the plans before it. */
export const planOrder: readonly Plan[] = ["FREE", "STARTER", "PRO", "ENTERPRISE"];

export const plans: Record<Plan, PlanDefinition> = {
  FREE: {
    id: "FREE",
    name: "Free",
    monthlyPrice: 0,
    limits: { booksPerMonth: 10, storageBytes: 1 * GB },
    features: [],
  },
  STARTER: {
    id: "STARTER",
    name: "Starter",
    monthlyPrice: 9_900_00,
    limits: { booksPerMonth: 100, storageBytes: 10 * GB },
    features: [],
  },
  PRO: {
    id: "PRO",
    name: "Pro",
    monthlyPrice: 29_900_00,
    limits: { booksPerMonth: null, storageBytes: 100 * GB },
    features: ["advancedEngines", "customStorage"],
  },
  ENTERPRISE: {
    id: "ENTERPRISE",
    name: "Enterprise",
    monthlyPrice: 99_900_00,
    limits: { booksPerMonth: null, storageBytes: null },
    features: ["advancedEngines", "customStorage", "apiAccess", "multipleOrganizations", "prioritySupport"],
  },
};

/** The Paystack plan code (PLN_…) configured for a paid plan, or undefined when it cannot be bought. */
export function paystackPlanCode(plan: Plan): string | undefined {
  const e = env();
  if (plan === "STARTER") return e.PAYSTACK_PLAN_STARTER;
  if (plan === "PRO") return e.PAYSTACK_PLAN_PRO;
  if (plan === "ENTERPRISE") return e.PAYSTACK_PLAN_ENTERPRISE;
  return undefined;
}

/** Which of our plans a Paystack plan code stands for (null: not one of ours). */
export function planForPaystackCode(code: string | null | undefined): PaidPlan | null {
  if (!code) return null;
  return paidPlans.find((plan) => paystackPlanCode(plan) === code) ?? null;
}

/** The currency every plan is priced in. */
export const billingCurrency = () => env().PAYSTACK_CURRENCY;

/** The cheapest plan above `current` that satisfies `fits`, to tell the customer what to upgrade to. */
export function upgradeFor(current: Plan, fits: (plan: PlanDefinition) => boolean): Plan | null {
  return planOrder.slice(planOrder.indexOf(current) + 1).find((p) => fits(plans[p])) ?? null;
}

/** True when the plan includes the feature. */
export function planIncludes(plan: Plan, feature: PlanFeature): boolean {
  return plans[plan].features.includes(feature);
}

type DbSource = DbTx | { db: DbTx };
const dbOf = (source: DbSource): DbTx => ("db" in source ? source.db : source);

/**
 * Throws 402 PLAN_LIMIT_REACHED (with the plan to upgrade to) unless the organization's plan includes the
 * feature. Call it where the feature is used: engine selection ("advancedEngines"), custom storage
 * settings ("customStorage"), the v1 API ("apiAccess").
 */
export async function assertPlanAllows(source: DbSource, organizationId: string, feature: PlanFeature): Promise<Plan> {
  const { plan } = await effectivePlanOf(dbOf(source), organizationId);
  if (planIncludes(plan, feature)) return plan;
  const upgradeTo = upgradeFor(plan, (p) => p.features.includes(feature));
  throw new AppError("PLAN_LIMIT_REACHED", `The ${plans[plan].name} plan does not include ${feature}`, {
    details: { feature, plan, upgradeTo },
  });
}

/**
 * Reserves the right to create one book this month: locks the organization row, then throws 402
 * PLAN_LIMIT_REACHED with `{ limit, used, upgradeTo }` when BOOKS_CREATED for the month has reached the
 * plan's limit. Call it first inside the transaction that creates the book; that transaction then counts
 * the creation (books/count-usage.ts `countUsage(tx, orgId, "BOOKS_CREATED")`). The lock is held until
 * commit, so N concurrent creations at the edge admit exactly the remaining number, and a rolled-back
 * creation neither counts nor consumes quota.
 */
export async function reserveBookQuota(
  tx: DbTx,
  organizationId: string,
  at: Date = new Date(),
): Promise<{ used: number; limit: number | null }> {
  const { plan } = await lockEffectivePlan(tx, organizationId);
  const limit = plans[plan].limits.booksPerMonth;
  const { periodStart, periodEnd } = usagePeriod(at);
  const current = await tx.usageMetric.findUnique({
    where: { organizationId_metric_periodStart: { organizationId, metric: "BOOKS_CREATED", periodStart } },
    select: { value: true },
  });
  const used = current ? Number(current.value) : 0;
  if (limit !== null && used >= limit) {
    const upgradeTo = upgradeFor(plan, (p) => p.limits.booksPerMonth === null || p.limits.booksPerMonth > limit);
    throw new AppError(
      "PLAN_LIMIT_REACHED",
      `The ${plans[plan].name} plan allows ${limit} books per month; ${used} were created this month`,
      { details: { metric: "BOOKS_CREATED", limit, used, plan, upgradeTo, periodEnd: periodEnd.toISOString() } },
    );
  }
  return { used, limit };
}

/**
 * Bytes the organization keeps now: rendered files plus book sources, the same definition as the
 * STORAGE_USED metric (formats/recompute-storage-used.ts), so the limit and the usage bar agree.
 */
export async function storageUsedBytes(db: DbTx, organizationId: string): Promise<number> {
  const rows = await db.$queryRaw<{ bytes: bigint }[]>`
    SELECT (
      COALESCE((SELECT SUM("size") FROM "BookFormat" WHERE "organizationId" = ${organizationId}), 0)
      + COALESCE((SELECT SUM(octet_length("content")) FROM "Book" WHERE "organizationId" = ${organizationId}), 0)
    )::bigint AS "bytes"`;
  return Number(rows[0]?.bytes ?? 0n);
}

/**
 * Throws 402 PLAN_LIMIT_REACHED with `{ limit, used, requested, upgradeTo }` when keeping `extraBytes`
 * more would exceed the plan's storage. Call it inside the transaction that records the new or
 * re-rendered format, with the size difference; the organization lock serializes concurrent exports.
 */
export async function assertStorageAvailable(tx: DbTx, organizationId: string, extraBytes: number): Promise<void> {
  const { plan } = await lockEffectivePlan(tx, organizationId);
  const limit = plans[plan].limits.storageBytes;
  if (limit === null || extraBytes <= 0) return;
  const used = await storageUsedBytes(tx, organizationId);
  if (used + extraBytes <= limit) return;
  const upgradeTo = upgradeFor(
    plan,
    (p) => p.limits.storageBytes === null || p.limits.storageBytes >= used + extraBytes,
  );
  throw new AppError("PLAN_LIMIT_REACHED", `The ${plans[plan].name} plan includes ${limit / GB} GB of storage`, {
    details: { metric: "STORAGE_USED", limit, used, requested: extraBytes, plan, upgradeTo },
  });
}

/** Organizations a user may create while none they own is on a plan with multipleOrganizations. */
export const ORGANIZATIONS_PER_USER = 1;

/**
 * Reserves the right for a user to create one more organization (docs/decisions/0005-plan-limits.md,
 * addendum): allowed while fewer than ORGANIZATIONS_PER_USER existing organizations were created by them,
 * or when an organization they own is on a plan with multipleOrganizations. Otherwise throws 402
 * PLAN_LIMIT_REACHED with `{ feature, limit, used, plan, upgradeTo }`. Call it first inside the transaction
 * that creates the organization (with createdById set): it locks the user's row until commit, so
 * concurrent creations by one user are counted one after the other.
 */
export async function reserveOrganizationCreation(tx: DbTx, userId: string): Promise<void> {
  // FOR NO KEY UPDATE: excludes the user's other creations, not the foreign-key locks of rows that name them.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
  if (locked.length === 0) throw new AppError("UNAUTHENTICATED", "Sign in again");
  if (billingOff()) return;
  const ownedRows = await tx.organization.findMany({
    where: { members: { some: { userId, role: "OWNER" } } },
    select: { id: true, plan: true },
  });
  // Effective plans: an organization on a granted ENTERPRISE plan lifts the limit like a paid one.
  const effective = await effectivePlansOf(tx, ownedRows);
  const owned = ownedRows.map((o) => ({ plan: effective.get(o.id)?.plan ?? o.plan }));
  if (owned.some((organization) => planIncludes(organization.plan, "multipleOrganizations"))) return;
  const used = await tx.organization.count({ where: { createdById: userId } });
  if (used < ORGANIZATIONS_PER_USER) return;
  // The best plan among the organizations they own: upgrading one of those lifts the limit.
  const plan = planOrder.findLast((p) => owned.some((organization) => organization.plan === p)) ?? "FREE";
  const upgradeTo = upgradeFor(plan, (p) => p.features.includes("multipleOrganizations"));
  throw new AppError(
    "PLAN_LIMIT_REACHED",
    `The ${plans[plan].name} plan allows ${ORGANIZATIONS_PER_USER} organization per user; an organization you own needs a plan with multiple organizations`,
    { details: { feature: "multipleOrganizations", limit: ORGANIZATIONS_PER_USER, used, plan, upgradeTo } },
  );
}
