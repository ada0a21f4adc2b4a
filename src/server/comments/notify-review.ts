import "server-only";
import { escapeHtml } from "@/lib/escape-html";
import { bookLinksFor } from "@/server/books/book-links";
import type { DbTx } from "@/server/db/client";
import { sendEmail } from "@/server/email/send-email";
import { env } from "@/server/env";

/** What happened in a book's review that someone is told about (the Notification.type is `review.<kind>`). */
export type ReviewNotice =
  | "mentioned"
  | "commented"
  | "replied"
  | "suggested"
  | "suggestion_accepted"
  | "suggestion_rejected";

function title(kind: ReviewNotice, locale: "en" | "fr", actor: string, book: string): string {
  if (locale === "fr") {
    switch (kind) {
      case "mentioned":
        return `${actor} vous a mentionné dans « ${book} »`;
      case "commented":
        return `${actor} a commenté « ${book} »`;
      case "replied":
        return `${actor} a répondu à un commentaire sur « ${book} »`;
      case "suggested":
        return `${actor} a suggéré une modification de « ${book} »`;
      case "suggestion_accepted":
        return `${actor} a accepté votre suggestion sur « ${book} »`;
      case "suggestion_rejected":
        return `${actor} a refusé votre suggestion sur « ${book} »`;
    }
  }
  switch (kind) {
    case "mentioned":
      return `${actor} mentioned you in “${book}”`;
    case "commented":
      return `${actor} commented on “${book}”`;
    case "replied":
      return `${actor} replied to a comment on “${book}”`;
    case "suggested":
      return `${actor} suggested a change to “${book}”`;
    case "suggestion_accepted":
      return `${actor} accepted your suggestion on “${book}”`;
    case "suggestion_rejected":
      return `${actor} rejected your suggestion on “${book}”`;
  }
}

/**
 * Tells these people (never the actor) what happened in a book's review: an in-app notification and an email
 * each, in their language, written in the caller's transaction (the outbox row commits with the change).
 */
export async function notifyReview(
  tx: DbTx,
  input: {
    kind: ReviewNotice;
    userIds: readonly string[];
    actorId: string | null;
    book: { id: string; title: string; organizationId: string };
    /** The comment or suggestion text, quoted in the notification (shortened). */
    excerpt: string;
  },
): Promise<void> {
  const ids = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (ids.length === 0) return;
  const [users, actor] = await Promise.all([
    tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, locale: true } }),
    input.actorId ? tx.user.findUnique({ where: { id: input.actorId }, select: { name: true } }) : null,
  ]);
  // Members open the book in the organization's app, outside collaborators under /shared.
  const linkFor = await bookLinksFor(tx, input.book, ids);
  const excerpt = input.excerpt.length > 280 ? `${input.excerpt.slice(0, 279)}…` : input.excerpt;
  for (const user of users) {
    const locale = user.locale === "fr" ? "fr" : "en";
    const link = linkFor(user.id);
    const url = `${env().APP_URL}${link}`;
    const heading = title(
      input.kind,
      locale,
      actor?.name ?? (locale === "fr" ? "Quelqu’un" : "Someone"),
      input.book.title,
    );
    await tx.notification.create({
      data: {
        userId: user.id,
        organizationId: input.book.organizationId,
        type: `review.${input.kind}`,
        title: heading,
        body: excerpt || null,
        link,
      },
    });
    const action = locale === "fr" ? "Ouvrir le livre" : "Open the book";
    await sendEmail(tx, {
      to: user.email,
      subject: heading,
      text: `${excerpt}\n\n${action}: ${url}\n`,
      html: `<p>${escapeHtml(excerpt)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>`,
    });
  }
}
