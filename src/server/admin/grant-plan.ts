import "server-only";
import { type GrantPlanInput, grantPlanInput, type PlanGrant } from "@/contracts/admin";
import { recordActivity } from "@/server/activity/record-activity";
import { activeGrantWhere, higherPlan, lockEffectivePlan } from "@/server/billing/effective-plan";
import type { UserCtx } from "@/server/context";
import { AppError } from "@/server/errors";
import { assertSuperAdmin } from "./assert-super-admin";
import { notifyPlanGrant } from "./notify-plan-grant";
import { planGrantView, planGrantViewSelect } from "./plan-grant-view";

/**
 * SUPER_ADMIN grants an organization a complimentary plan (docs/decisions/0016-plan-grants-and-billing-off.md).
 * At most one grant is active: granting while one is active is 409 CONFLICT (end it first), checked under
 * the organization's row lock that the plan gates take too, so two admins cannot both grant and a limit
 * check never sees half a change. Organization.plan (the paid plan) is not touched. Logged in the
 * organization's activity with the admin as actor; the owners are notified in-app and by email.
 */
export async function grantPlan(ctx: UserCtx, organizationId: string, input: GrantPlanInput): Promise<PlanGrant> {
  assertSuperAdmin(ctx);
  const data = grantPlanInput.parse(input);
  const now = new Date();
  const endsAt = data.endsAt ? new Date(data.endsAt) : null;
  if (endsAt && endsAt.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "Choose an end date in the future", { field: "endsAt" });
  }
  return ctx.db.$transaction(async (tx) => {
    const before = await lockEffectivePlan(tx, organizationId);
    const active = await tx.planGrant.findFirst({
      where: { organizationId, ...activeGrantWhere(now) },
      select: { id: true },
    });
    if (active) {
      throw new AppError("CONFLICT", "This organization already has an active grant: end it first", {
        details: { grantId: active.id },
      });
    }
    const grant = await tx.planGrant.create({
      data: { organizationId, plan: data.plan, reason: data.reason, startsAt: now, endsAt, grantedById: ctx.user.id },
      select: planGrantViewSelect,
    });
    await recordActivity(tx, {
      action: "billing.plan_granted",
      resource: "plan_grant",
      resourceId: grant.id,
      organizationId,
      actorId: ctx.user.id,
      metadata: {
        plan: data.plan,
        reason: data.reason,
        endsAt: endsAt?.toISOString() ?? null,
        paidPlan: before.paidPlan,
        effectivePlan: higherPlan(before.paidPlan, data.plan),
      },
      ...ctx.meta,
    });
    await notifyPlanGrant(tx, { event: "granted", organizationId, plan: data.plan, endsAt, fallback: before.paidPlan });
    return planGrantView(grant);
  });
}
