// A use-case context for a signed-in member, built directly: for tests and benches that call use cases
// without going through a route (their subject is the use case, the database or the worker, not auth).
import type { OrgRole } from "@/generated/prisma/enums";
import type { Ctx } from "@/server/context";

export function sessionCtx(
  db: Ctx["db"],
  member: { userId: string; organizationId: string; role?: OrgRole },
  meta: Ctx["meta"] = { ipAddress: null, userAgent: null },
): Ctx {
  return {
    db,
    meta,
    actor: {
      userId: member.userId,
      organizationId: member.organizationId,
      orgRole: member.role ?? "OWNER",
      userRole: "USER",
      via: "session",
      scopes: [],
    },
  };
}
