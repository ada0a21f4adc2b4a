import "server-only";
import type { PlanGrant } from "@/contracts/admin";
import { recordActivity } from "@/server/activity/record-activity";
import { activeGrantWhere, lockEffectivePlan } from "@/server/billing/effective-plan";
import type { UserCtx } from "@/server/context";
import { AppError } from "@/server/errors";
import { assertSuperAdmin } from "./assert-super-admin";
import { notifyPlanGrant } from "./notify-plan-grant";
import { planGrantView, planGrantViewSelect } from "./plan-grant-view";

/**
 * SUPER_ADMIN ends an organization's active grant early: endedAt/endedById are set (the row stays as
 * history) and the organization falls back to its paid plan or FREE at once. Nothing is deleted; the
 * gates refuse only new creation beyond the plan's limits. 404 for an unknown grant or one of another
 * organization; 409 CONFLICT when it is no longer active (already ended or past its end date).
 */
export async function endPlanGrant(ctx: UserCtx, organizationId: string, grantId: string): Promise<PlanGrant> {
  assertSuperAdmin(ctx);
  const now = new Date();
  return ctx.db.$transaction(async (tx) => {
    const before = await lockEffectivePlan(tx, organizationId);
    const grant = await tx.planGrant.findFirst({ where: { id: grantId, organizationId }, select: { id: true } });
    if (!grant) throw new AppError("NOT_FOUND", "Grant not found");
    const active = await tx.planGrant.findFirst({
      where: { id: grantId, ...activeGrantWhere(now) },
      select: { id: true },
    });
    if (!active) throw new AppError("CONFLICT", "This grant has already ended");
    const ended = await tx.planGrant.update({
      where: { id: grantId },
      data: { endedAt: now, endedById: ctx.user.id },
      select: planGrantViewSelect,
    });
    await recordActivity(tx, {
      action: "billing.plan_grant_ended",
      resource: "plan_grant",
      resourceId: grantId,
      organizationId,
      actorId: ctx.user.id,
      metadata: { plan: ended.plan, paidPlan: before.paidPlan, effectivePlan: before.paidPlan },
      ...ctx.meta,
    });
    await notifyPlanGrant(tx, {
      event: "ended",
      organizationId,
      plan: ended.plan,
      endsAt: null,
      fallback: before.paidPlan,
    });
    return planGrantView(ended);
  });
}
