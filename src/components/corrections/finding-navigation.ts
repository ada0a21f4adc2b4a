/** The attribute every interactive in-text mark carries (the editor's backdrop marks do not). */
export const FINDING_MARK_ATTRIBUTE = "data-finding-mark";
/** Put on the containers where `]` / `[` move between findings (the book text and the panel). */
export const CORRECTIONS_SCOPE_ATTRIBUTE = "data-corrections-scope";
/** The popover's own attribute, so Alt+↓ inside it keeps moving. */
export const FINDING_POPOVER_ATTRIBUTE = "data-finding-popover";

/**
 * The mark after (direction 1) or before (-1) `from` in document order, wrapping around at either end.
 * `from` may be a mark, or any element (the first mark after it is taken), or null (the first/last mark).
 */
export function stepFinding(direction: 1 | -1, from: Element | null, root: ParentNode = document): HTMLElement | null {
  const marks = [...root.querySelectorAll<HTMLElement>(`[${FINDING_MARK_ATTRIBUTE}]`)];
  if (marks.length === 0) return null;
  const at = from ? marks.indexOf(from as HTMLElement) : -1;
  if (at >= 0) return marks[(at + direction + marks.length) % marks.length] ?? null;
  if (from) {
    // The first mark after (or the last before) the focused element.
    const following = marks.filter((mark) => from.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (direction === 1) return following[0] ?? marks[0] ?? null;
    const preceding = marks.filter((mark) => !following.includes(mark) && mark !== from);
    return preceding.at(-1) ?? marks.at(-1) ?? null;
  }
  return (direction === 1 ? marks[0] : marks.at(-1)) ?? null;
}

/** Whether a key press is typing (a shortcut without Alt must not fire inside a field). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Alt+↓ / `]` → 1, Alt+↑ / `[` → -1, else null. */
export function findingStep(
  event: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean },
  typing: boolean,
) {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey && event.key === "ArrowDown") return 1;
  if (event.altKey && event.key === "ArrowUp") return -1;
  if (typing || event.altKey) return null;
  if (event.key === "]") return 1;
  if (event.key === "[") return -1;
  return null;
}
