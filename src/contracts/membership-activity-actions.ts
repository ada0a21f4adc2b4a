// Without Zod, so the activity page's filter does not load it; ./activity lists them among every action.

/** The account, organization and membership events: the ones the activity page filters by. */
export const membershipActivityActions = [
  "user.signup",
  "user.login",
  "user.logout",
  "user.email_verified",
  "user.password_reset",
  "org.created",
  "org.updated",
  "org.deleted",
  "member.invited",
  "invitation.canceled",
  "invitation.declined",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
] as const;
