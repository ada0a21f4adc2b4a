import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Plan } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/**
 * The plan every gate applies (docs/decisions/0016-plan-grants-and-billing-off.md): the higher of the
 * paid plan (Organization.plan, kept true by checkout confirmation and Paystack webhooks) and the plan of
 * the organization's active platform grant — or ENTERPRISE, with no limit at all, when BILLING=off.
 * A grant never writes Organization.plan, so a paid subscription is never overwritten and ending a grant
 * falls back to the paid plan (or FREE) at once, with nothing to undo.
 */

/** Plans from cheapest to most complete (the Plan enum's order, which PostgreSQL compares by too). */
const order: readonly Plan[] = ["FREE", "STARTER", "PRO", "ENTERPRISE"];

/** The higher of two plans. */
export const higherPlan = (a: Plan, b: Plan | null | undefined): Plan =>
  b && order.indexOf(b) > order.indexOf(a) ? b : a;

/** True when BILLING=off: every gate lifted, usage still counted. */
export const billingOff = (): boolean => env().BILLING === "off";

/** The plan that stands for "no limit" while billing is off (ENTERPRISE has every feature and no limit). */
export const UNLIMITED_PLAN: Plan = "ENTERPRISE";

/** Prisma filter of the grants active at `now`: not ended early, started, and not past their end date. */
export function activeGrantWhere(now: Date = new Date()): Prisma.PlanGrantWhereInput {
  return { endedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] };
}

/**
 * SQL of the active grant's plan for the organization whose id is the column `orgIdColumn` (NULL when
 * none), for queries that read the plan themselves (the v1 key lookup). Timestamps are stored as UTC
 * without a zone, hence `now() AT TIME ZONE 'UTC'`.
 */
export const activeGrantPlanSql = (orgIdColumn: string) => `(
  SELECT max(g."plan") FROM "PlanGrant" g
  WHERE g."organizationId" = ${orgIdColumn} AND g."endedAt" IS NULL
    AND g."startsAt" <= (now() AT TIME ZONE 'UTC') AND (g."endsAt" IS NULL OR g."endsAt" > (now() AT TIME ZONE 'UTC')))`;

export interface ActiveGrant {
  id: string;
  plan: Plan;
  reason: string;
  startsAt: Date;
  endsAt: Date | null;
  grantedById: string | null;
  createdAt: Date;
}

export interface EffectivePlan {
  /** What the gates apply. */
  plan: Plan;
  /** The paid (or FREE) plan alone: Organization.plan. */
  paidPlan: Plan;
  /** The active platform grant, if any. */
  grant: ActiveGrant | null;
  /** BILLING=off: `plan` is UNLIMITED_PLAN whatever was paid or granted. */
  billingOff: boolean;
}

/** Combines the paid plan and the active grant (null when none) into the plan the gates apply. */
export function combinePlans(paidPlan: Plan, grant: ActiveGrant | null): EffectivePlan {
  const off = billingOff();
  return { plan: off ? UNLIMITED_PLAN : higherPlan(paidPlan, grant?.plan), paidPlan, grant, billingOff: off };
}

const grantSelect = {
  id: true,
  plan: true,
  reason: true,
  startsAt: true,
  endsAt: true,
  grantedById: true,
  createdAt: true,
} as const;

/** The organization's active grant (the most recent one, should history ever hold two). */
export function findActiveGrant(db: DbTx, organizationId: string, now: Date = new Date()): Promise<ActiveGrant | null> {
  return db.planGrant.findFirst({
    where: { organizationId, ...activeGrantWhere(now) },
    orderBy: { createdAt: "desc" },
    select: grantSelect,
  });
}

/**
 * The organization row with `plan` replaced by its effective plan: what every view of an organization
 * returns (get, switch, create, rename; lists use effectivePlansOf), so none of them shows the paid plan alone.
 */
export async function withEffectivePlan<T extends { id: string; plan: Plan }>(
  db: DbTx,
  organization: T,
  now: Date = new Date(),
): Promise<T> {
  const grant = await findActiveGrant(db, organization.id, now);
  return { ...organization, plan: combinePlans(organization.plan, grant).plan };
}

/** The organization's effective plan (404 NOT_FOUND when it does not exist). */
export async function effectivePlanOf(
  db: DbTx,
  organizationId: string,
  now: Date = new Date(),
): Promise<EffectivePlan> {
  const [organization, grant] = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId }, select: { plan: true } }),
    findActiveGrant(db, organizationId, now),
  ]);
  if (!organization) throw new AppError("NOT_FOUND", "Organization not found");
  return combinePlans(organization.plan, grant);
}

/** What a gate needs under the lock: the effective plan and the paid one. */
export type LockedPlan = Pick<EffectivePlan, "plan" | "paidPlan" | "billingOff"> & { grantPlan: Plan | null };

/**
 * Locks the organization row for the rest of the transaction and returns its effective plan, in one
 * statement (the lock is held by every concurrent creation in turn, so it must stay short). FOR NO KEY
 * UPDATE, not FOR UPDATE: it excludes other lockers but lets concurrent inserts of rows that reference the
 * organization take their foreign-key share locks (docs/decisions/0005-plan-limits.md). Grants are created
 * and ended under the same lock, so a check made here cannot interleave with a grant changing.
 */
export async function lockEffectivePlan(tx: DbTx, organizationId: string): Promise<LockedPlan> {
  const rows = await tx.$queryRawUnsafe<{ plan: Plan; grantPlan: Plan | null }[]>(
    `SELECT o."plan"::text AS "plan", ${activeGrantPlanSql("o.id")}::text AS "grantPlan"
     FROM "Organization" o WHERE o."id" = $1 FOR NO KEY UPDATE OF o`,
    organizationId,
  );
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "Organization not found");
  const off = billingOff();
  return {
    plan: off ? UNLIMITED_PLAN : higherPlan(row.plan, row.grantPlan),
    paidPlan: row.plan,
    billingOff: off,
    grantPlan: row.grantPlan,
  };
}

/** Effective plans of many organizations at once (lists, the organization-creation rule). */
export async function effectivePlansOf(
  db: DbTx,
  organizations: readonly { id: string; plan: Plan }[],
  now: Date = new Date(),
): Promise<Map<string, EffectivePlan>> {
  const grants = organizations.length
    ? await db.planGrant.findMany({
        where: { organizationId: { in: organizations.map((o) => o.id) }, ...activeGrantWhere(now) },
        orderBy: { createdAt: "asc" },
        select: { ...grantSelect, organizationId: true },
      })
    : [];
  // Later grants overwrite earlier ones: the most recent active grant wins, as in findActiveGrant.
  const byOrganization = new Map(grants.map(({ organizationId, ...grant }) => [organizationId, grant]));
  return new Map(organizations.map((o) => [o.id, combinePlans(o.plan, byOrganization.get(o.id) ?? null)]));
}

/** 409 BILLING_OFF for the routes that buy, manage or cancel a plan while BILLING=off. */
export function assertBillingOn(): void {
  if (billingOff()) throw new AppError("BILLING_OFF", "Billing is off on this installation: every feature is included");
}
