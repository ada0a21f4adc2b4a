import "server-only";
import type { BookAccess } from "@/contracts/books";
import { type Actor, can } from "@/server/auth/permissions";

/** The controls the web app may offer this actor on the book its context was resolved for. */
export function bookAccessView(actor: Actor): BookAccess {
  return {
    edit: can(actor, "book:update"),
    comment: can(actor, "comment:create"),
    resolve: can(actor, "comment:resolve"),
    delete: can(actor, "book:delete"),
    // "May see the history" (a collaborator's permission): the History section and its restores.
    history: can(actor, "revision:read"),
  };
}
