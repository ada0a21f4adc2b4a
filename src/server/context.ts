import type { Db } from "./db/client";
import type { Actor } from "./auth/permissions";

/** Where a request came from, recorded in the activity log. */
export interface RequestMeta {
  ipAddress: string | null;
  userAgent: string | null;
}

/** What every organization-scoped use case receives: the database, who acts, in which organization. */
export interface Ctx {
  db: Db;
  actor: Actor;
  meta: RequestMeta;
}

/** What user-level use cases receive (no organization yet: creating one, accepting an invitation). */
export interface UserCtx {
  db: Db;
  user: { id: string; email: string; name: string; role: Actor["userRole"]; emailVerified: boolean };
  meta: RequestMeta;
}
