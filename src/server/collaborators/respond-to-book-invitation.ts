import "server-only";
import type { z } from "zod";
import {
  type acceptBookInvitationBody,
  acceptBookInvitationBody as tokenBody,
  type acceptedBookInvitationResponse,
} from "@/contracts/collaborators";
import { idSchema } from "@/contracts/organizations";
import type { Prisma } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { bookLinkFor } from "@/server/books/book-links";
import type { UserCtx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { linkEmail } from "@/server/email/email-templates";
import { sendThrottledEmail } from "@/server/email/send-throttled-email";
import { env } from "@/server/env";
import { AppError, notFound } from "@/server/errors";
import { hashInvitationToken } from "./invitation-token";

type Accepted = z.output<typeof acceptedBookInvitationResponse>;
const invitationInclude = { book: { select: { id: true, title: true, organizationId: true } } } as const;
type InvitationRow = Prisma.BookCollaboratorGetPayload<{ include: typeof invitationInclude }>;

/**
 * A pending invitation the caller may answer: addressed to their email, not past its date. A revoked
 * invitation (deleted), a used link (token cleared) or another person's is a 404 — nothing is granted.
 */
function assertAnswerable(row: InvitationRow | null, ctx: UserCtx, now: Date): InvitationRow {
  if (!row || row.status === "ACTIVE") throw notFound("Invitation");
  if (row.status === "EXPIRED" || (row.expiresAt && row.expiresAt <= now)) {
    throw new AppError("INVITATION_EXPIRED", "This invitation has expired: ask for a new one");
  }
  if (row.email !== ctx.user.email.toLowerCase()) {
    throw new AppError("INVITATION_EMAIL_MISMATCH", "This invitation was sent to another email address");
  }
  return row;
}

/** Makes the invitation ACTIVE for the caller (once: the status guard stops a double click), logs and notifies. */
async function accept(tx: DbTx, ctx: UserCtx, row: InvitationRow): Promise<Accepted> {
  const { count } = await tx.bookCollaborator.updateMany({
    where: { id: row.id, status: "PENDING" },
    data: { status: "ACTIVE", userId: ctx.user.id, tokenHash: null, acceptedAt: new Date() },
  });
  if (count === 0) throw new AppError("INVITATION_NOT_PENDING", "This invitation was already answered");
  await recordActivity(tx, {
    action: "collaborator.accepted",
    resource: "book",
    resourceId: row.book.id,
    organizationId: row.book.organizationId,
    actorId: ctx.user.id,
    metadata: { collaboratorId: row.id, email: row.email, role: row.role },
    ...ctx.meta,
  });
  await notifyInviter(tx, ctx, row);
  return { bookId: row.book.id, role: row.role };
}

/** Tells whoever shared the book that the invitation was accepted: in the app and by email. */
async function notifyInviter(tx: DbTx, ctx: UserCtx, row: InvitationRow): Promise<void> {
  if (!row.invitedById) return;
  const inviter = await tx.user.findUnique({
    where: { id: row.invitedById },
    select: { id: true, email: true, locale: true },
  });
  if (!inviter) return;
  const person = ctx.user.name || ctx.user.email;
  const fr = inviter.locale === "fr";
  // The inviter may be a book ADMIN from outside the organization: the link opens the book where they work.
  const link = await bookLinkFor(tx, row.book, inviter.id);
  await tx.notification.create({
    data: {
      userId: inviter.id,
      organizationId: row.book.organizationId,
      type: "book.share_accepted",
      title: fr
        ? `${person} a accepté votre invitation à « ${row.book.title} »`
        : `${person} accepted your invitation to “${row.book.title}”`,
      link,
    },
  });
  // A throttled inbox still gets the in-app notification; the acceptance itself never fails on it.
  await sendThrottledEmail(
    tx,
    "shareAccepted",
    linkEmail("shareAccepted", inviter.email, `${env().APP_URL}${link}`, {
      locale: inviter.locale,
      vars: { person, title: row.book.title, role: row.role },
    }),
  );
}

/**
 * Accepts an invitation through its emailed link: the token proves the mailbox, the signed-in account must
 * be the invited address (a new person signs up with it first). The link works once.
 */
export async function acceptBookInvitationByToken(
  ctx: UserCtx,
  input: z.input<typeof acceptBookInvitationBody>,
): Promise<Accepted> {
  const { token } = tokenBody.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const row = await tx.bookCollaborator.findUnique({
      where: { tokenHash: hashInvitationToken(token) },
      include: invitationInclude,
    });
    return accept(tx, ctx, assertAnswerable(row, ctx, new Date()));
  });
}

/** Accepts an invitation from inside the app ("Shared with me"): the caller's verified email must be the invited one. */
export async function acceptBookInvitation(ctx: UserCtx, collaboratorId: string): Promise<Accepted> {
  const id = idSchema.parse(collaboratorId);
  if (!ctx.user.emailVerified) throw new AppError("FORBIDDEN", "Verify your email address before accepting");
  return ctx.db.$transaction(async (tx) => {
    const row = await tx.bookCollaborator.findUnique({ where: { id }, include: invitationInclude });
    return accept(tx, ctx, assertAnswerable(row, ctx, new Date()));
  });
}

/** Declines an invitation addressed to the caller: the row is removed (sharing again starts afresh). */
export async function declineBookInvitation(ctx: UserCtx, collaboratorId: string): Promise<void> {
  const id = idSchema.parse(collaboratorId);
  await ctx.db.$transaction(async (tx) => {
    const row = assertAnswerable(
      await tx.bookCollaborator.findUnique({ where: { id }, include: invitationInclude }),
      ctx,
      new Date(),
    );
    await tx.bookCollaborator.delete({ where: { id: row.id } });
    await recordActivity(tx, {
      action: "collaborator.declined",
      resource: "book",
      resourceId: row.book.id,
      organizationId: row.book.organizationId,
      actorId: ctx.user.id,
      metadata: { collaboratorId: row.id, email: row.email },
      ...ctx.meta,
    });
  });
}
