import "server-only";
import type { Plan } from "@/generated/prisma/enums";
import { escapeHtml } from "@/lib/escape-html";
import { plans } from "@/server/billing/plans";
import type { DbTx } from "@/server/db/client";
import { sendEmail } from "@/server/email/send-email";
import { env } from "@/server/env";

const billingLink = "/app/settings/billing";

const dateIn = (locale: "en" | "fr", date: Date) =>
  new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);

type GrantEvent = "granted" | "updated" | "ended";

const notificationTypes = {
  granted: "billing.plan_granted",
  updated: "billing.plan_grant_updated",
  ended: "billing.plan_grant_ended",
} as const satisfies Record<GrantEvent, string>;

function copy(
  event: GrantEvent,
  locale: "en" | "fr",
  vars: { organization: string; plan: string; endsAt: Date | null; fallback: string },
): { title: string; body: string } {
  if (locale === "fr") {
    if (event === "granted") {
      return {
        title: `${vars.organization} bénéficie de l’offre ${vars.plan}, offerte`,
        body: vars.endsAt
          ? `L’administration de la plateforme a offert l’offre ${vars.plan} à ${vars.organization} jusqu’au ${dateIn("fr", vars.endsAt)}.`
          : `L’administration de la plateforme a offert l’offre ${vars.plan} à ${vars.organization}, sans date de fin.`,
      };
    }
    if (event === "updated") {
      return {
        title: `L’offre offerte à ${vars.organization} a été modifiée`,
        body: vars.endsAt
          ? `${vars.organization} bénéficie désormais de l’offre ${vars.plan}, offerte jusqu’au ${dateIn("fr", vars.endsAt)}.`
          : `${vars.organization} bénéficie désormais de l’offre ${vars.plan}, offerte sans date de fin.`,
      };
    }
    return {
      title: `L’offre ${vars.plan} offerte à ${vars.organization} a pris fin`,
      body: `${vars.organization} revient à l’offre ${vars.fallback}. Rien n’est supprimé ; seules les nouvelles créations au-delà des limites sont refusées.`,
    };
  }
  if (event === "granted") {
    return {
      title: `${vars.organization} is on a complimentary ${vars.plan} plan`,
      body: vars.endsAt
        ? `The platform administrators granted ${vars.organization} the ${vars.plan} plan until ${dateIn("en", vars.endsAt)}.`
        : `The platform administrators granted ${vars.organization} the ${vars.plan} plan, with no end date.`,
    };
  }
  if (event === "updated") {
    return {
      title: `The complimentary plan of ${vars.organization} has changed`,
      body: vars.endsAt
        ? `${vars.organization} is now on a complimentary ${vars.plan} plan until ${dateIn("en", vars.endsAt)}.`
        : `${vars.organization} is now on a complimentary ${vars.plan} plan, with no end date.`,
    };
  }
  return {
    title: `The complimentary ${vars.plan} plan of ${vars.organization} has ended`,
    body: `${vars.organization} is back on the ${vars.fallback} plan. Nothing was deleted; only new creation beyond its limits is refused.`,
  };
}

/**
 * Tells every OWNER of the organization that a complimentary plan was granted, changed or ended: an in-app
 * notification and an email each, in their language, written in the caller's transaction (the outbox
 * row commits with the grant).
 */
export async function notifyPlanGrant(
  tx: DbTx,
  input: {
    event: GrantEvent;
    organizationId: string;
    plan: Plan;
    endsAt: Date | null;
    /** The plan the organization is on after the change (the paid plan or FREE once a grant ends). */
    fallback: Plan;
  },
): Promise<void> {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: input.organizationId },
    select: {
      name: true,
      members: { where: { role: "OWNER" }, select: { user: { select: { id: true, email: true, locale: true } } } },
    },
  });
  for (const { user } of organization.members) {
    const locale = user.locale === "fr" ? "fr" : "en";
    const { title, body } = copy(input.event, locale, {
      organization: organization.name,
      plan: plans[input.plan].name,
      endsAt: input.endsAt,
      fallback: plans[input.fallback].name,
    });
    await tx.notification.create({
      data: {
        userId: user.id,
        organizationId: input.organizationId,
        type: notificationTypes[input.event],
        title,
        body,
        link: billingLink,
      },
    });
    const url = `${env().APP_URL}${billingLink}`;
    const action = locale === "fr" ? "Voir la facturation" : "See billing";
    await sendEmail(tx, {
      to: user.email,
      subject: title,
      text: `${body}\n\n${action}: ${url}\n`,
      html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>`,
    });
  }
}
