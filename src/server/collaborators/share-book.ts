import "server-only";
import type { z } from "zod";
import { type Collaborator, shareBookBody } from "@/contracts/collaborators";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { linkEmail } from "@/server/email/email-templates";
import { sendThrottledEmail } from "@/server/email/send-throttled-email";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { collaboratorSelect, collaboratorView } from "./collaborator-views";
import { newInvitationToken } from "./invitation-token";

/**
 * Shares a book by email with a role (book ADMINs, the organization's OWNER and ADMIN, the book's creator):
 * a PENDING row with a hashed single-use token, an email with the link, and an in-app notification when
 * the address already has an account. Sharing again with a pending or expired address renews it (new role,
 * token and 14 days). Logged as `collaborator.invited`; one transaction, so a refused email writes nothing.
 */
export async function shareBook(ctx: Ctx, bookId: string, input: z.input<typeof shareBookBody>): Promise<Collaborator> {
  assertCan(ctx.actor, "collaborator:manage");
  const { email, role, permissions } = shareBookBody.parse(input);
  const { token, tokenHash, expiresAt } = newInvitationToken();
  return ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, bookId);
    const existing = await tx.bookCollaborator.findUnique({ where: { bookId_email: { bookId: book.id, email } } });
    if (existing?.status === "ACTIVE") {
      throw new AppError("CONFLICT", `The book is already shared with ${email}`, { field: "email" });
    }
    const fields = { role, permissions: permissions ?? {}, tokenHash, expiresAt, invitedById: ctx.actor.userId };
    const row = existing
      ? await tx.bookCollaborator.update({
          where: { id: existing.id },
          data: { ...fields, status: "PENDING" },
          select: collaboratorSelect,
        })
      : await tx.bookCollaborator.create({
          data: { ...fields, bookId: book.id, email, status: "PENDING" },
          select: collaboratorSelect,
        });
    const [inviter, invitee] = await Promise.all([
      ctx.actor.userId
        ? tx.user.findUnique({ where: { id: ctx.actor.userId }, select: { name: true, locale: true } })
        : null,
      tx.user.findUnique({ where: { email }, select: { id: true, locale: true } }),
    ]);
    const inviterName = inviter?.name ?? "Scriptorium";
    const delivery = await sendThrottledEmail(
      tx,
      "share",
      linkEmail("share", email, `${env().APP_URL}/shared/invitations/${token}`, {
        locale: invitee?.locale ?? inviter?.locale,
        vars: { inviter: inviterName, title: book.title, role },
      }),
    );
    // Thrown inside the transaction, so the invitation is not created or renewed either.
    if (!delivery.sent) {
      throw new AppError("RATE_LIMITED", `${email} has received too many invitation emails; try again later`, {
        field: "email",
        details: { retryAt: delivery.retryAt.toISOString() },
      });
    }
    if (invitee) {
      const fr = invitee.locale === "fr";
      await tx.notification.create({
        data: {
          userId: invitee.id,
          type: "book.shared",
          title: fr
            ? `${inviterName} a partagé « ${book.title} » avec vous`
            : `${inviterName} shared “${book.title}” with you`,
          link: "/shared",
        },
      });
    }
    await recordActivity(tx, {
      action: "collaborator.invited",
      resource: "book",
      resourceId: book.id,
      organizationId: book.organizationId,
      actorId: ctx.actor.userId,
      metadata: { collaboratorId: row.id, email, role, renewed: Boolean(existing) },
      ...ctx.meta,
    });
    return collaboratorView(row);
  });
}
