import "server-only";
import type { Me } from "@/contracts/me";
import type { UserCtx } from "@/server/context";
import { listMyOrganizations } from "@/server/orgs/list-my-organizations";

/** The caller's profile, their organizations and the active one (null when none or no longer a member). */
export async function getMe(ctx: UserCtx & { activeOrganizationId: string | null }): Promise<Me> {
  const [user, organizations] = await Promise.all([
    ctx.db.user.findUniqueOrThrow({
      where: { id: ctx.user.id },
      select: { id: true, name: true, email: true, role: true, locale: true, emailVerified: true, image: true },
    }),
    listMyOrganizations(ctx),
  ]);
  const activeOrganization = organizations.find((o) => o.id === ctx.activeOrganizationId) ?? null;
  return { user, activeOrganization, organizations };
}
