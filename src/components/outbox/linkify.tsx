import type { ReactNode } from "react";

/** Turns the http(s) URLs of a plain-text email into clickable links. */
export function linkify(text: string): ReactNode[] {
  const parts = text.split(/(https?:\/\/[^\s<>"')]+)/g);
  return parts.map((part, index) =>
    /^https?:\/\//.test(part) ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the split is stable for a given text
      <a key={index} href={part} className="break-all font-medium text-ink-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
