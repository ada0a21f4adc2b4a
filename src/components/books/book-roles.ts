/** What each organization role may do with books (the server's permission matrix has the final word). */

/** Roles that may create and edit books. */
export function canWriteBooks(role: string | null | undefined): boolean {
  return role === "OWNER" || role === "ADMIN" || role === "MEMBER";
}

/** Roles that may delete books. */
export function canDeleteBooks(role: string | null | undefined): boolean {
  return role === "OWNER" || role === "ADMIN";
}
