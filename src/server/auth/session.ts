import "server-only";
import { AppError } from "@/server/errors";
import type { UserCtx } from "@/server/context";
import { db } from "@/server/db/client";
import { auth } from "./auth";
import { requestMeta } from "@/server/http/request-meta";

/** The signed-in user and session for these request headers, or null. */
export async function getSession(headers: Headers) {
  return auth().api.getSession({ headers });
}
export type SessionInfo = NonNullable<Awaited<ReturnType<typeof getSession>>>;

/** Builds the user-level context from a request, or throws 401 UNAUTHENTICATED. */
export async function userContext(
  request: Request,
): Promise<UserCtx & { sessionId: string; activeOrganizationId: string | null }> {
  const session = await getSession(request.headers);
  if (!session) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const user = session.user as SessionInfo["user"] & { role?: string };
  const role = user.role === "SUPER_ADMIN" || user.role === "ADMIN" ? user.role : "USER";
  return {
    db: db(),
    user: { id: user.id, email: user.email, name: user.name, role, emailVerified: user.emailVerified },
    meta: requestMeta(request),
    sessionId: session.session.id,
    activeOrganizationId: (session.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null,
  };
}
