// The shelf's request, shared by the browser (book-shelf.tsx, use-shelf-books.ts) and the dashboard page,
// which fills in the first page on the server: both must ask for the same page for the same ?q=.

/** The API's limit on `q` (src/server/books/list-books.ts). */
export const SHELF_SEARCH_MAX_LENGTH = 200;

/** Books per page of the shelf. */
export const SHELF_PAGE_SIZE = 24;

/** The search a ?q= value stands for: trimmed and capped as the search box does. */
export function shelfQuery(raw: string | null | undefined): string {
  return (raw ?? "").trim().slice(0, SHELF_SEARCH_MAX_LENGTH);
}
