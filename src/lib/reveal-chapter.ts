/**
 * Brings a chapter of the reader near the window (which loads its text and its findings, see
 * LazyChapterText) and calls `found` once `find` returns something in `root`: the marks of a passage or of
 * a finding appear there as elements (a chapter rendered in the browser) or as attributes set on the
 * server's marks (the opening chapter). Gives up after `timeoutMs`. Returns a function that stops waiting.
 */
export function revealChapterThen<T>(
  root: Element,
  chapterId: string,
  find: () => T | null,
  found: (result: T) => void,
  timeoutMs: number,
): () => void {
  root
    .querySelector(`[data-chapter-id="${CSS.escape(chapterId)}"]`)
    ?.scrollIntoView({ block: "start", behavior: "auto" });
  const observer = new MutationObserver(() => {
    const result = find();
    if (result === null) return;
    stop();
    found(result);
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-finding-mark", "data-comment-mark"],
  });
  const giveUp = window.setTimeout(() => stop(), timeoutMs);
  function stop() {
    observer.disconnect();
    window.clearTimeout(giveUp);
  }
  return stop;
}
