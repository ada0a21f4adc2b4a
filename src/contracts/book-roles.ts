// Without Zod, so the book page's share dialog does not load it; ./collaborators builds its schema from
// these values.

/** A collaborator's role on one book, weakest first (the order of role pickers). */
export const bookRoleOptions = ["VIEWER", "COMMENTER", "EDITOR", "ADMIN"] as const;
export type BookRole = (typeof bookRoleOptions)[number];
