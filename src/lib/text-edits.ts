// Offsets into a text after it was edited: shared by the findings of the corrections and the comments of
// book review, which are both anchored to a passage by offsets into a chapter's Markdown.

/** One replacement made in a text: [start, end) of the old text became `delta` characters longer. */
export interface TextEdit {
  start: number;
  end: number;
  delta: number;
}

/** Where [start, end) of the old text sits after the edits, or null when an edit touched it. */
export function movedRange(
  start: number,
  end: number,
  edits: readonly TextEdit[],
): { start: number; end: number } | null {
  let shift = 0;
  for (const edit of edits) {
    const overlaps = start < edit.end && end > edit.start;
    const insideEmpty = edit.start === edit.end && start < edit.start && edit.start < end;
    if (overlaps || insideEmpty) return null;
    if (edit.end <= start) shift += edit.delta;
  }
  return { start: start + shift, end: end + shift };
}

/**
 * The one edit that turns `before` into `after` (what is common at both ends is kept), or no edit when they
 * are equal: how a whole-chapter save is seen by the anchors.
 */
export function editBetween(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return [{ start: prefix, end: before.length - suffix, delta: after.length - before.length }];
}
