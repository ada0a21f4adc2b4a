import "server-only";
import type { z } from "zod";
import type { adminUsersPage } from "@/contracts/admin";
import type { UserCtx } from "@/server/context";
import { assertSuperAdmin, pageInput } from "./assert-super-admin";

/** Every user on the platform with their organization count (SUPER_ADMIN only). */
export async function listAllUsers(
  ctx: UserCtx,
  raw: { cursor?: string | null; limit?: string | null },
): Promise<z.output<typeof adminUsersPage>> {
  assertSuperAdmin(ctx);
  const { cursor, limit } = pageInput(raw);
  const rows = await ctx.db.user.findMany({
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      emailVerified: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, limit).map(({ _count, createdAt, ...u }) => ({
    ...u,
    createdAt: createdAt.toISOString(),
    organizationCount: _count.memberships,
  }));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
