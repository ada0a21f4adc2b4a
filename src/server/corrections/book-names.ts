import "server-only";

// INTEGRATION: replaced by `findBookNames` from src/checkers/book-names.ts when 15A lands.
/**
 * Names the book uses consistently: words capitalised in the middle of a sentence at least twice across
 * the chapters (character and place names), so spelling checks do not flag them.
 */
export function findBookNames(chapters: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  const midSentence = /(?<=[\p{Ll},;:] )\p{Lu}[\p{L}'’-]+/gu;
  for (const markdown of chapters) {
    for (const match of markdown.matchAll(midSentence)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count >= 2).map(([word]) => word));
}
