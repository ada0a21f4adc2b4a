/**
 * Where a person works on a book. Members of the book's organization use the organization's app (/app); a
 * collaborator from outside it uses /shared, which needs no organization (docs/decisions/0017) — /app would
 * send them to onboarding. Every link to a book, one of its chapters or back to the shelf is built here, so
 * nobody is sent across into the other area.
 */
export type BookArea = "app" | "shared";

/** The area a page belongs to, from its path: /shared and below is the collaborators', anything else the members'. */
export function bookAreaOfPath(pathname: string): BookArea {
  return pathname === "/shared" || pathname.startsWith("/shared/") ? "shared" : "app";
}

/** The shelf of an area: the organization's books, or "Shared with me". */
export function booksHomePath(area: BookArea): string {
  return `/${area}`;
}

/** A book's page in an area; with a chapter's number, at that chapter (the reader's `#chapter-N` anchors). */
export function bookPath(area: BookArea, bookId: string, chapterNumber?: number): string {
  const path = `/${area}/books/${encodeURIComponent(bookId)}`;
  return chapterNumber === undefined ? path : `${path}#chapter-${chapterNumber}`;
}

/** The editor of one chapter in an area. */
export function chapterEditorPath(area: BookArea, bookId: string, chapterId: string): string {
  return `${bookPath(area, bookId)}/chapters/${encodeURIComponent(chapterId)}`;
}
