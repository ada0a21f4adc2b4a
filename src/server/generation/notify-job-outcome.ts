import "server-only";
import { bookLinkFor } from "@/server/books/book-links";
import type { DbTx } from "@/server/db/client";
import { bookOutcomeEmail } from "@/server/email/email-templates";
import { sendEmail } from "@/server/email/send-email";
import { env } from "@/server/env";

export interface JobOutcome {
  outcome: "completed" | "failed";
  bookId: string;
  bookTitle: string;
  organizationId: string;
  requestedById: string | null;
  error?: string | null;
  errorCode?: string | null;
}

/**
 * Tells the person who requested a book how its generation ended: an in-app notification and an email,
 * written with the transaction that records the outcome (the outbox row commits with it). A cancellation
 * the user asked for gets the notification but no email.
 */
export async function notifyJobOutcome(tx: DbTx, outcome: JobOutcome): Promise<void> {
  if (!outcome.requestedById) return;
  const user = await tx.user.findUnique({
    where: { id: outcome.requestedById },
    select: { id: true, email: true, locale: true },
  });
  if (!user) return;
  // An outside EDITOR may have started the generation: the link opens the book where they work.
  const link = await bookLinkFor(tx, { id: outcome.bookId, organizationId: outcome.organizationId }, user.id);
  const completed = outcome.outcome === "completed";
  const fr = user.locale === "fr";
  await tx.notification.create({
    data: {
      userId: user.id,
      organizationId: outcome.organizationId,
      type: completed ? "book.completed" : "book.failed",
      title: completed
        ? fr
          ? `« ${outcome.bookTitle} » est prêt`
          : `“${outcome.bookTitle}” is ready`
        : fr
          ? `« ${outcome.bookTitle} » n’a pas pu être terminé`
          : `“${outcome.bookTitle}” could not be finished`,
      body: completed ? null : (outcome.error ?? null),
      link,
    },
  });
  if (outcome.errorCode === "CANCELLED") return;
  await sendEmail(
    tx,
    bookOutcomeEmail(outcome.outcome, user.email, `${env().APP_URL}${link}`, {
      locale: user.locale,
      title: outcome.bookTitle,
      error: outcome.error ?? undefined,
    }),
  );
}
