import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Me } from "@/contracts/me";
import { getSession, userContext } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { getMe } from "@/server/users/get-me";

/** What pages need to know about the signed-in user; kept small so the session source can change. */
export type CurrentUser = { id: string; name: string; email: string; role: string; emailVerified: boolean };

/** The signed-in user for this request, or null. */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await getSession(await headers());
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: string };
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role ?? "USER",
    emailVerified: user.emailVerified,
  };
}

/** The signed-in user, or a redirect to sign-in that comes back to `next` afterwards. */
export async function requireUser(next: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return user;
}

/**
 * The same data as GET /api/me, read in-process for the first render (no loading flash, and redirects
 * happen as real HTTP redirects); the client refreshes it through the API after changes.
 */
export async function requireMe(next: string): Promise<Me> {
  const request = new Request("http://internal.invalid/api/me", { headers: await headers() });
  try {
    // getMe answers the wire shape already (src/contracts/me.ts), so it passes to the client as is.
    return await getMe(await userContext(request));
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED")
      redirect(`/sign-in?next=${encodeURIComponent(next)}`);
    throw error;
  }
}
