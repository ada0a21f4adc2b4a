import "server-only";
import type { z } from "zod";
import type { collaboratorListResponse } from "@/contracts/collaborators";
import { assertCan, can } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { collaboratorSelect, collaboratorView } from "./collaborator-views";

/** Who a book is shared with (active people, then pending and expired invitations), for `collaborator:read`. */
export async function listCollaborators(ctx: Ctx, bookId: string): Promise<z.output<typeof collaboratorListResponse>> {
  assertCan(ctx.actor, "collaborator:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const rows = await ctx.db.bookCollaborator.findMany({
    where: { bookId: book.id },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: collaboratorSelect,
  });
  return { collaborators: rows.map(collaboratorView), canManage: can(ctx.actor, "collaborator:manage") };
}
