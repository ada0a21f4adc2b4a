import "server-only";
import type { Ctx } from "@/server/context";
import { orgContextFor } from "./org-context";
import {
  type Actor,
  assertCan,
  type BookAccess,
  type BookRole,
  higherBookRole,
  type OrgAction,
  resolveBookPermissions,
} from "./permissions";
import { userContext } from "./session";

/**
 * Builds the context of a request about one book (`/api/books/[bookId]/**`, its event stream and download
 * links), for a member of the book's organization or for one of the book's collaborators:
 * - a member of the book's organization (the active one on the session) acts with their organization role,
 *   plus their own role on that book (a collaborator row, or ADMIN as its creator): the higher of the two;
 * - otherwise an ACTIVE collaborator acts with no organization role, confined to that one book: the book
 *   lookups refuse every other book and every organization action is refused (docs/decisions/0017);
 * - anyone else gets exactly what orgContext gives (401, NO_ACTIVE_ORGANIZATION, 403, or the use case's 404
 *   for a book of another organization), so a book that exists elsewhere cannot be told from one that does not.
 * With `action`, the actor must be allowed it (403 before any body is validated), as with orgContext.
 */
export async function bookContext(
  request: Request,
  bookId: string,
  action?: OrgAction,
): Promise<Ctx & { sessionId: string }> {
  const userCtx = await userContext(request);
  const book = await userCtx.db.book.findUnique({
    where: { id: bookId },
    select: { id: true, organizationId: true, createdById: true },
  });
  if (!book) return orgContextFor(userCtx, action);
  const collaborator = await userCtx.db.bookCollaborator.findFirst({
    where: { bookId: book.id, userId: userCtx.user.id, status: "ACTIVE" },
    select: { role: true, permissions: true },
  });
  const membership =
    userCtx.activeOrganizationId === book.organizationId
      ? await userCtx.db.organizationMember.findUnique({
          where: { organizationId_userId: { organizationId: book.organizationId, userId: userCtx.user.id } },
          select: { role: true },
        })
      : null;
  if (!membership && !collaborator) return orgContextFor(userCtx, action);

  const creatorRole: BookRole | null = membership && book.createdById === userCtx.user.id ? "ADMIN" : null;
  const role = higherBookRole(collaborator?.role ?? null, creatorRole);
  const access: BookAccess | undefined = role
    ? {
        bookId: book.id,
        role,
        // The creator's own ADMIN role carries ADMIN's defaults; a collaborator's, their overrides.
        permissions: resolveBookPermissions(role, role === collaborator?.role ? collaborator.permissions : null),
        confined: !membership,
      }
    : undefined;
  const actor: Actor = {
    userId: userCtx.user.id,
    organizationId: book.organizationId,
    orgRole: membership?.role ?? null,
    userRole: userCtx.user.role,
    via: "session",
    scopes: [],
    ...(access ? { book: access } : {}),
  };
  const ctx = { db: userCtx.db, sessionId: userCtx.sessionId, meta: userCtx.meta, actor };
  if (action) assertCan(actor, action);
  return ctx;
}

/**
 * The context of a request about one finding (`/api/corrections/[correctionId]/**`): that of its book, so a
 * book's collaborators resolve its findings as their book role allows. A finding that does not exist gets
 * the organization's context (and the use case's 404); one of another organization is told apart from
 * nothing, exactly as with bookContext.
 */
export async function correctionContext(
  request: Request,
  correctionId: string,
  action: OrgAction,
): Promise<Ctx & { sessionId: string }> {
  const userCtx = await userContext(request);
  const onChapter = await userCtx.db.chapterCorrection.findUnique({
    where: { id: correctionId },
    select: { chapter: { select: { bookId: true } } },
  });
  const bookId =
    onChapter?.chapter.bookId ??
    (await userCtx.db.bookCorrection.findUnique({ where: { id: correctionId }, select: { bookId: true } }))?.bookId;
  return bookId ? bookContext(request, bookId, action) : orgContextFor(userCtx, action);
}
