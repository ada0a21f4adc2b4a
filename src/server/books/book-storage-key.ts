import "server-only";
/** The storage key of a book's assembled Markdown (in the organization's storage). */
export function bookMarkdownKey(organizationId: string, bookId: string): string {
  return `orgs/${organizationId}/books/${bookId}/book.md`;
}
