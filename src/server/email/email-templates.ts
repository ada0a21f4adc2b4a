import "server-only";
import { escapeHtml } from "@/lib/escape-html";

type Locale = "en" | "fr";

interface LinkEmail {
  subject: string;
  intro: string;
  action: string;
  outro: string;
}

/** The emails with one link that account and membership flows send. */
export type LinkEmailKind = "verify" | "reset" | "invite" | "existing" | "share" | "shareAccepted";

const copy: Record<Locale, Record<LinkEmailKind, LinkEmail>> = {
  en: {
    verify: {
      subject: "Verify your email for Scriptorium",
      intro: "Welcome to Scriptorium! Confirm your email address to finish creating your account.",
      action: "Verify my email",
      outro: "If you did not sign up, you can ignore this email.",
    },
    reset: {
      subject: "Reset your Scriptorium password",
      intro: "Someone asked to reset the password of your Scriptorium account.",
      action: "Choose a new password",
      outro: "If it was not you, ignore this email: your password stays the same.",
    },
    invite: {
      subject: "You are invited to join {org} on Scriptorium",
      intro: "{inviter} invited you to join {org} on Scriptorium as {role}.",
      action: "See the invitation",
      outro: "The invitation expires in 7 days.",
    },
    share: {
      subject: "{inviter} shared “{title}” with you on Scriptorium",
      intro: "{inviter} shared the book “{title}” with you on Scriptorium as {role}.",
      action: "Open the invitation",
      outro: "The invitation expires in 14 days. Sign up with this email address if you have no account yet.",
    },
    shareAccepted: {
      subject: "{person} accepted your invitation to “{title}”",
      intro: "{person} can now work on “{title}” as {role}.",
      action: "Open the book",
      outro: "You can change their role or remove them from the book's Share dialog.",
    },
    existing: {
      subject: "Someone tried to sign up to Scriptorium with your email",
      intro:
        "Someone (maybe you) tried to create a Scriptorium account with this email address, which already has one.",
      action: "Sign in or reset your password",
      outro: "If it was not you, you can ignore this email: nothing changed on your account.",
    },
  },
  fr: {
    verify: {
      subject: "Confirmez votre adresse e-mail pour Scriptorium",
      intro: "Bienvenue sur Scriptorium ! Confirmez votre adresse e-mail pour terminer la création de votre compte.",
      action: "Confirmer mon adresse",
      outro: "Si vous ne vous êtes pas inscrit, ignorez cet e-mail.",
    },
    reset: {
      subject: "Réinitialisez votre mot de passe Scriptorium",
      intro: "Quelqu’un a demandé la réinitialisation du mot de passe de votre compte Scriptorium.",
      action: "Choisir un nouveau mot de passe",
      outro: "Si ce n’était pas vous, ignorez cet e-mail : votre mot de passe reste le même.",
    },
    invite: {
      subject: "Invitation à rejoindre {org} sur Scriptorium",
      intro: "{inviter} vous invite à rejoindre {org} sur Scriptorium en tant que {role}.",
      action: "Voir l’invitation",
      outro: "L’invitation expire dans 7 jours.",
    },
    share: {
      subject: "{inviter} a partagé « {title} » avec vous sur Scriptorium",
      intro: "{inviter} a partagé le livre « {title} » avec vous sur Scriptorium en tant que {role}.",
      action: "Ouvrir l’invitation",
      outro: "L’invitation expire dans 14 jours. Créez un compte avec cette adresse si vous n’en avez pas encore.",
    },
    shareAccepted: {
      subject: "{person} a accepté votre invitation à « {title} »",
      intro: "{person} peut maintenant travailler sur « {title} » en tant que {role}.",
      action: "Ouvrir le livre",
      outro: "Vous pouvez changer son rôle ou le retirer du livre depuis la fenêtre Partager.",
    },
    existing: {
      subject: "Quelqu’un a tenté de s’inscrire à Scriptorium avec votre adresse",
      intro:
        "Quelqu’un (peut-être vous) a tenté de créer un compte Scriptorium avec cette adresse e-mail, qui en a déjà un.",
      action: "Se connecter ou réinitialiser le mot de passe",
      outro: "Si ce n’était pas vous, ignorez cet e-mail : rien n’a changé sur votre compte.",
    },
  },
};

const fill = (text: string, vars: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");

/** Builds a transactional email with one call-to-action link, in text and HTML. */
export function linkEmail(
  kind: LinkEmailKind,
  to: string,
  url: string,
  options: { locale?: string; vars?: Record<string, string> } = {},
) {
  const locale: Locale = options.locale === "fr" ? "fr" : "en";
  const vars = options.vars ?? {};
  const t = copy[locale][kind];
  const subject = fill(t.subject, vars);
  const intro = fill(t.intro, vars);
  const text = `${intro}\n\n${t.action}: ${url}\n\n${t.outro}\n`;
  const html = `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t.action)}</a></p><p>${escapeHtml(url)}</p><p>${escapeHtml(t.outro)}</p>`;
  return { to, subject, text, html };
}

const bookOutcomeCopy: Record<Locale, Record<"completed" | "failed", LinkEmail>> = {
  en: {
    completed: {
      subject: "Your book “{title}” is ready",
      intro: "Scriptorium finished writing “{title}”.",
      action: "Open the book",
      outro: "You can read it, edit it and download it in every format.",
    },
    failed: {
      subject: "Your book “{title}” could not be finished",
      intro: "Scriptorium stopped writing “{title}”: {error}",
      action: "See the book",
      outro: "Finished chapters are kept: retry the job to continue from where it stopped.",
    },
  },
  fr: {
    completed: {
      subject: "Votre livre « {title} » est prêt",
      intro: "Scriptorium a terminé l’écriture de « {title} ».",
      action: "Ouvrir le livre",
      outro: "Vous pouvez le lire, le modifier et le télécharger dans tous les formats.",
    },
    failed: {
      subject: "Votre livre « {title} » n’a pas pu être terminé",
      intro: "Scriptorium a arrêté l’écriture de « {title} » : {error}",
      action: "Voir le livre",
      outro: "Les chapitres terminés sont conservés : relancez la tâche pour reprendre là où elle s’est arrêtée.",
    },
  },
};

/** The email sent to whoever requested a book when its generation completes or fails. */
export function bookOutcomeEmail(
  outcome: "completed" | "failed",
  to: string,
  url: string,
  options: { locale?: string; title: string; error?: string },
) {
  const locale: Locale = options.locale === "fr" ? "fr" : "en";
  const vars = { title: options.title, error: options.error ?? "" };
  const t = bookOutcomeCopy[locale][outcome];
  const subject = fill(t.subject, vars);
  const intro = fill(t.intro, vars);
  const text = `${intro}\n\n${t.action}: ${url}\n\n${t.outro}\n`;
  const html = `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t.action)}</a></p><p>${escapeHtml(t.outro)}</p>`;
  return { to, subject, text, html };
}
