import "server-only";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { assertCan, type OrgAction } from "./permissions";
import { userContext } from "./session";

/**
 * Builds the organization context for a session request: the active organization on the session and
 * the caller's membership in it. A session whose user is no longer a member gets 403, never data.
 * With `action`, the caller's role must allow it (403 FORBIDDEN): routes that validate a body pass their
 * use case's action, so a caller who may not act gets 403 before any 400 about a body they may not send.
 * The use case still checks it itself.
 */
export async function orgContext(request: Request, action?: OrgAction): Promise<Ctx & { sessionId: string }> {
  return orgContextFor(await userContext(request), action);
}

/** orgContext for a session already read (book routes read it once to try the book's own roles first). */
export async function orgContextFor(
  userCtx: Awaited<ReturnType<typeof userContext>>,
  action?: OrgAction,
): Promise<Ctx & { sessionId: string }> {
  if (!userCtx.activeOrganizationId) {
    throw new AppError("NO_ACTIVE_ORGANIZATION", "Choose or create an organization first");
  }
  const membership = await userCtx.db.organizationMember.findUnique({
    where: { organizationId_userId: { organizationId: userCtx.activeOrganizationId, userId: userCtx.user.id } },
    select: { role: true },
  });
  if (!membership) throw new AppError("FORBIDDEN", "You are not a member of this organization");
  const ctx = {
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
  } satisfies Ctx & { sessionId: string };
  if (action) assertCan(ctx.actor, action);
  return ctx;
}
