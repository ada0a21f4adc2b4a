import "server-only";
import { getSession } from "@/server/auth/session";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { isLoopbackClient } from "@/server/http/loopback-client";
import { outboxExists } from "./outbox-exists";

/** Who asks to read the outbox: their platform role (null without a session) and whether they are local. */
export interface OutboxViewer {
  role: "SUPER_ADMIN" | "ADMIN" | "USER" | null;
  /** In development, on a loopback-only server, from a loopback client (see isLoopbackClient). */
  localDeveloper: boolean;
}

/** The viewer behind these request headers. */
export async function outboxViewer(headers: Headers): Promise<OutboxViewer> {
  const session = await getSession(headers);
  const role = session ? ((session.user as { role?: string }).role ?? "USER") : null;
  return {
    role: role === "SUPER_ADMIN" || role === "ADMIN" || role === null ? role : "USER",
    localDeveloper: env().NODE_ENV === "development" && isLoopbackClient(headers, env().HOST),
  };
}

/**
 * The outbox holds verification and password-reset links: whoever reads it can take over any account. So
 * only a signed-in SUPER_ADMIN reads it, or the developer on this machine in development. Refusals: 404 where
 * it does not exist, 401 without a session, 403 for anyone else.
 */
export function assertCanReadOutbox(viewer: OutboxViewer): void {
  if (!outboxExists()) throw new AppError("NOT_FOUND", "The local outbox is not available here");
  if (viewer.role === "SUPER_ADMIN" || viewer.localDeveloper) return;
  if (viewer.role === null) throw new AppError("UNAUTHENTICATED", "Sign in as a platform administrator to continue");
  throw new AppError("FORBIDDEN", "The local outbox is for platform administrators");
}
