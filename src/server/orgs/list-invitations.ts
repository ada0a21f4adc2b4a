import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";

/** The active organization's invitations (pending first, newest first). */
export async function listInvitations(ctx: Ctx) {
  assertCan(ctx.actor, "invitation:list");
  const invitations = await ctx.db.invitation.findMany({
    where: { organizationId: ctx.actor.organizationId },
    select: {
      id: true,
      email: true,
      role: true,
      status: true,
      expiresAt: true,
      createdAt: true,
      inviter: { select: { name: true, email: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const now = new Date();
  return invitations
    .map((i) => ({ ...i, status: i.status === "PENDING" && i.expiresAt < now ? ("EXPIRED" as const) : i.status }))
    .sort((a, b) => Number(b.status === "PENDING") - Number(a.status === "PENDING"));
}
