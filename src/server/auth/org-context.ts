import type { Ctx } from "../context";
import { AppError } from "../errors";
import { userContext } from "./session";

/**
 * Builds the organization context for a session request: the active organization on the session and
 * the caller's membership in it. A session whose user is no longer a member gets 403, never data.
 */
export async function orgContext(request: Request): Promise<Ctx & { sessionId: string }> {
  const userCtx = await userContext(request);
  if (!userCtx.activeOrganizationId) {
    throw new AppError("NO_ACTIVE_ORGANIZATION", "Choose or create an organization first");
  }
  const membership = await userCtx.db.organizationMember.findUnique({
    where: { organizationId_userId: { organizationId: userCtx.activeOrganizationId, userId: userCtx.user.id } },
    select: { role: true },
  });
  if (!membership) throw new AppError("FORBIDDEN", "You are not a member of this organization");
  return {
    db: userCtx.db,
    sessionId: userCtx.sessionId,
    meta: userCtx.meta,
    actor: {
      userId: userCtx.user.id,
      organizationId: userCtx.activeOrganizationId,
      orgRole: membership.role,
      userRole: userCtx.user.role,
      via: "session",
      scopes: [],
    },
  };
}
