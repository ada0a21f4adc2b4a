import "server-only";
import type { PlanGrant as PlanGrantView } from "@/contracts/admin";
import type { Plan } from "@/generated/prisma/enums";

/** What the console shows of a grant; select it with `planGrantViewSelect`. */
export const planGrantViewSelect = {
  id: true,
  organizationId: true,
  plan: true,
  reason: true,
  startsAt: true,
  endsAt: true,
  endedAt: true,
  createdAt: true,
  grantedBy: { select: { id: true, name: true } },
} as const;

export interface PlanGrantRow {
  id: string;
  organizationId: string;
  plan: Plan;
  reason: string;
  startsAt: Date;
  endsAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  grantedBy: { id: string; name: string } | null;
}

export function planGrantView(grant: PlanGrantRow): PlanGrantView {
  return {
    id: grant.id,
    organizationId: grant.organizationId,
    plan: grant.plan,
    reason: grant.reason,
    startsAt: grant.startsAt.toISOString(),
    endsAt: grant.endsAt?.toISOString() ?? null,
    endedAt: grant.endedAt?.toISOString() ?? null,
    grantedBy: grant.grantedBy,
    createdAt: grant.createdAt.toISOString(),
  };
}
