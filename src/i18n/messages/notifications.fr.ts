import type { notificationsEn } from "./notifications.en";

/** French strings of the notifications bell (same keys as the English module). */
export const notificationsFr: Record<keyof typeof notificationsEn, string> = {
  button: "Notifications",
  buttonUnread: "Notifications, {count} non lues",
  title: "Notifications",
  markAllRead: "Tout marquer comme lu",
  empty: "Vous êtes à jour.",
  emptyHint: "Nous vous prévenons ici quand un livre est prêt ou n’a pas pu être terminé.",
  loadFailed: "Impossible de charger vos notifications.",
  unread: "Non lu",
};
