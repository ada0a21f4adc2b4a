/**
 * Whether two lists read from the API hold the same items, compared as the JSON they came as: a list read
 * again unchanged (the book's event stream re-reads everything on its first frame) keeps the old array, so
 * what renders it is not rendered again for nothing.
 */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
