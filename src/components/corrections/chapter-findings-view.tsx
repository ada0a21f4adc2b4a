"use client";

import { useMemo } from "react";
import type { PluggableList } from "unified";
import { MarkdownView } from "@/components/books/markdown-view";
import { useCorrections } from "./corrections-state";
import { FindingMark } from "./finding-mark";
import { CORRECTIONS_SCOPE_ATTRIBUTE } from "./finding-navigation";
import { rehypeFindings } from "./rehype-findings";
import { anchoredRanges } from "./split-by-findings";

const markComponents = { mark: FindingMark };

/**
 * A chapter's Markdown with its open findings underlined in place (outside a CorrectionsProvider, or with
 * no findings, exactly the plain MarkdownView).
 */
export function ChapterFindingsView({
  chapterId,
  markdown,
  className,
}: {
  chapterId: string;
  markdown: string;
  className?: string;
}) {
  const corrections = useCorrections();
  const findings = corrections?.findings;
  const plugins = useMemo<PluggableList | undefined>(() => {
    const mine = (findings ?? []).filter((f) => f.chapterId === chapterId);
    const ranges = anchoredRanges(markdown, mine);
    return ranges.length > 0 ? [[rehypeFindings, { source: markdown, ranges }]] : undefined;
  }, [findings, chapterId, markdown]);
  // The text is a scope of the `]` / `[` shortcuts.
  return (
    <div {...{ [CORRECTIONS_SCOPE_ATTRIBUTE]: "" }}>
      <MarkdownView markdown={markdown} className={className} rehypePlugins={plugins} components={markComponents} />
    </div>
  );
}
