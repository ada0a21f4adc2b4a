/** English strings of the notifications bell. */
export const notificationsEn = {
  button: "Notifications",
  buttonUnread: "Notifications, {count} unread",
  title: "Notifications",
  markAllRead: "Mark all as read",
  empty: "You are all caught up.",
  emptyHint: "We tell you here when a book is ready or could not be finished.",
  loadFailed: "We could not load your notifications.",
  unread: "Unread",
};
