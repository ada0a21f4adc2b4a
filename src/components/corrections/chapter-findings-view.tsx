"use client";

import { memo, type ReactNode, useMemo } from "react";
import type { PluggableList } from "unified";
import { MarkdownView } from "@/components/books/markdown-view";
import { CommentMark } from "@/components/review/comment-mark";
import { useReview } from "@/components/review/review-state";
import { useCorrections } from "./corrections-state";
import { FindingMark } from "./finding-mark";
import { CORRECTIONS_SCOPE_ATTRIBUTE } from "./finding-navigation";
import { rehypeFindings } from "./rehype-findings";
import { passageMarksKey, passageRanges } from "./passage-ranges";

/** One run the plugin marked: the findings' popover button when a finding covers it, else the comments'. */
function PassageMark(props: { children?: ReactNode; "data-finding-ids"?: string; "data-comment-ids"?: string }) {
  const corrections = useCorrections();
  const findingIds = idsOf(props["data-finding-ids"]);
  const commentIds = idsOf(props["data-comment-ids"]);
  if (corrections && findingIds.some((id) => corrections.byId.has(id))) {
    return (
      <FindingMark ids={findingIds} commentIds={commentIds}>
        {props.children}
      </FindingMark>
    );
  }
  return <CommentMark commentIds={commentIds}>{props.children}</CommentMark>;
}

const idsOf = (value: string | undefined) => (value ?? "").split(" ").filter(Boolean);
const markComponents = { mark: PassageMark };

// Parsing a long chapter is the costly part: it runs again only when the text or the marked ranges change,
// not on every change of the corrections or review state (the marks read that state themselves).
const ChapterMarkdown = memo(MarkdownView);

/**
 * A chapter's Markdown with its open findings underlined and its open comments' passages highlighted in
 * place (outside the providers, or with neither, exactly the plain MarkdownView).
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
  const findings = useCorrections()?.findings;
  const comments = useReview()?.comments ?? null;
  const { findings: findingRanges, comments: commentRanges } = useMemo(
    () => passageRanges(markdown, chapterId, findings ?? [], comments),
    [findings, comments, chapterId, markdown],
  );
  const key = passageMarksKey({ findings: findingRanges, comments: commentRanges });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ranges (same ranges, same plugins)
  const plugins = useMemo<PluggableList | undefined>(
    () =>
      findingRanges.length > 0 || commentRanges.length > 0
        ? [[rehypeFindings, { source: markdown, ranges: findingRanges, comments: commentRanges }]]
        : undefined,
    [key, markdown],
  );
  // The text is a scope of the `]` / `[` shortcuts.
  return (
    <div {...{ [CORRECTIONS_SCOPE_ATTRIBUTE]: "" }}>
      <ChapterMarkdown markdown={markdown} className={className} rehypePlugins={plugins} components={markComponents} />
    </div>
  );
}
