import "server-only";
import { type PlanGrant, type UpdatePlanGrantInput, updatePlanGrantInput } from "@/contracts/admin";
import { recordActivity } from "@/server/activity/record-activity";
import { activeGrantWhere, higherPlan, lockEffectivePlan } from "@/server/billing/effective-plan";
import type { UserCtx } from "@/server/context";
import { AppError } from "@/server/errors";
import { assertSuperAdmin } from "./assert-super-admin";
import { notifyPlanGrant } from "./notify-plan-grant";
import { planGrantView, planGrantViewSelect } from "./plan-grant-view";

/**
 * SUPER_ADMIN changes an active grant's plan, reason or end date (docs/decisions/0016-plan-grants-and-billing-off.md).
 * Same rules as granting: an end date must be in the future, the change is made under the organization's
 * row lock the plan gates take (a limit check never sees half an edit), Organization.plan is not touched.
 * Logged as `billing.plan_grant_updated` in the organization's activity (the admin as actor, like a grant)
 * with each changed field's before and after; the owners are notified of the grant's new terms.
 * 404 for an unknown grant or one of another organization; 409 CONFLICT when it is no longer active.
 */
export async function updatePlanGrant(
  ctx: UserCtx,
  organizationId: string,
  grantId: string,
  input: UpdatePlanGrantInput,
): Promise<PlanGrant> {
  assertSuperAdmin(ctx);
  const data = updatePlanGrantInput.parse(input);
  const now = new Date();
  const endsAt = data.endsAt === undefined ? undefined : data.endsAt === null ? null : new Date(data.endsAt);
  if (endsAt && endsAt.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "Choose an end date in the future", { field: "endsAt" });
  }
  return ctx.db.$transaction(async (tx) => {
    const before = await lockEffectivePlan(tx, organizationId);
    const grant = await tx.planGrant.findFirst({
      where: { id: grantId, organizationId },
      select: { id: true, plan: true, reason: true, endsAt: true },
    });
    if (!grant) throw new AppError("NOT_FOUND", "Grant not found");
    const active = await tx.planGrant.findFirst({
      where: { id: grantId, ...activeGrantWhere(now) },
      select: { id: true },
    });
    if (!active) throw new AppError("CONFLICT", "This grant has ended: grant a new one instead");

    const updated = await tx.planGrant.update({
      where: { id: grantId },
      data: { plan: data.plan, reason: data.reason, endsAt },
      select: planGrantViewSelect,
    });
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    const changes = {
      ...(updated.plan !== grant.plan ? { plan: { from: grant.plan, to: updated.plan } } : {}),
      ...(updated.reason !== grant.reason ? { reason: { from: grant.reason, to: updated.reason } } : {}),
      ...(iso(updated.endsAt) !== iso(grant.endsAt)
        ? { endsAt: { from: iso(grant.endsAt), to: iso(updated.endsAt) } }
        : {}),
    };
    await recordActivity(tx, {
      action: "billing.plan_grant_updated",
      resource: "plan_grant",
      resourceId: grantId,
      organizationId,
      actorId: ctx.user.id,
      metadata: {
        plan: updated.plan,
        reason: updated.reason,
        endsAt: iso(updated.endsAt),
        changes,
        paidPlan: before.paidPlan,
        effectivePlan: higherPlan(before.paidPlan, updated.plan),
      },
      ...ctx.meta,
    });
    await notifyPlanGrant(tx, {
      event: "updated",
      organizationId,
      plan: updated.plan,
      endsAt: updated.endsAt,
      fallback: before.paidPlan,
    });
    return planGrantView(updated);
  });
}
