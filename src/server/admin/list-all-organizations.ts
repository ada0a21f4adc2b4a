import "server-only";
import type { z } from "zod";
import type { adminOrganizationsPage } from "@/contracts/admin";
import type { UserCtx } from "@/server/context";
import { assertSuperAdmin, pageInput } from "./assert-super-admin";

/** Every organization on the platform with member and book counts (SUPER_ADMIN only). */
export async function listAllOrganizations(
  ctx: UserCtx,
  raw: { cursor?: string | null; limit?: string | null },
): Promise<z.output<typeof adminOrganizationsPage>> {
  assertSuperAdmin(ctx);
  const { cursor, limit } = pageInput(raw);
  const rows = await ctx.db.organization.findMany({
    select: {
      id: true,
      name: true,
      slug: true,
      plan: true,
      createdAt: true,
      _count: { select: { members: true, books: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, limit).map(({ _count, createdAt, ...o }) => ({
    ...o,
    createdAt: createdAt.toISOString(),
    memberCount: _count.members,
    bookCount: _count.books,
  }));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
