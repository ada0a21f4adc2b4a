import { clsx } from "clsx";

/**
 * The look of a radio choice drawn as a card (a <label> around its radio input): bordered, ringed when
 * chosen, outlined when its input has keyboard focus. Layout classes are the caller's.
 */
export function choiceCardClass(checked: boolean, className?: string): string {
  return clsx(
    "cursor-pointer rounded-lg border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ink-600",
    checked ? "border-ink-600 bg-ink-50/60 ring-1 ring-ink-600" : "border-stone-300 bg-white",
    className,
  );
}
