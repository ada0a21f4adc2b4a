import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import type { DbTx } from "@/server/db/client";
import { env } from "@/server/env";

export const emailMessage = z.object({
  to: z.string().email(),
  subject: z.string().min(1),
  text: z.string().min(1),
  html: z.string().optional(),
});
export type EmailMessage = z.infer<typeof emailMessage>;

let transport: Transporter | undefined;

/** True when emails go to the local outbox table (no SMTP configured): the dev outbox page shows them. */
export function usesLocalOutbox(): boolean {
  return !env().SMTP_URL;
}

/**
 * Sends an email through SMTP when `SMTP_URL` is set, otherwise writes it to the local outbox.
 * Pass the transaction client when the email belongs to a database change, so the outbox row commits with it.
 */
export async function sendEmail(db: DbTx, message: EmailMessage): Promise<void> {
  const data = emailMessage.parse(message);
  if (usesLocalOutbox()) {
    await db.outboxEmail.create({
      data: { to: data.to.toLowerCase(), subject: data.subject, text: data.text, html: data.html },
    });
    return;
  }
  transport ??= nodemailer.createTransport(env().SMTP_URL);
  await transport.sendMail({ from: env().EMAIL_FROM, ...data });
}
