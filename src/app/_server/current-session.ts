import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSession } from "@/server/auth/session";

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
