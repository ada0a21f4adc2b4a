import type { Element, Root } from "hast";
import type { Comment } from "@/contracts/comments";
import type { Correction } from "@/contracts/corrections";
import { findingMarkClass, worstFirst } from "@/components/corrections/finding-style";
import { passageMarksSource, passageRanges } from "@/components/corrections/passage-ranges";
import {
  COMMENT_IDS_PROPERTY,
  FINDING_IDS_PROPERTY,
  FINDING_TAG,
  rehypeFindings,
} from "@/components/corrections/rehype-findings";
import { commentOnlyMarkClass } from "@/components/review/review-marks";
import { renderStaticMarkup } from "@/lib/static-markup";
import { MarkdownBody } from "./markdown-body";

/** The opening chapter's text as HTML, and what its marks were made from (`passageMarksSource`). */
export type OpeningChapterHtml = { html: string; marksKey: string };

const idsOf = (value: unknown) => (typeof value === "string" ? value.split(" ").filter(Boolean) : []);

/**
 * Gives rehypeFindings' marks what FindingMark (a finding covers the run: the worst one's look) or CommentMark
 * render, minus what only the browser can add (ids of its descriptions, handlers).
 */
function rehypeMarkLook({ findings }: { findings: readonly Correction[] }) {
  const byId = new Map(findings.map((finding) => [finding.id, finding]));
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      visit(child);
      if (child.tagName !== FINDING_TAG) continue;
      const findingIds = idsOf(child.properties[FINDING_IDS_PROPERTY]);
      const commentIds = idsOf(child.properties[COMMENT_IDS_PROPERTY]);
      const worst = worstFirst(findingIds.flatMap((id) => byId.get(id) ?? []))[0];
      const look = worst
        ? {
            dataSeverity: worst.severity,
            dataType: worst.type,
            className: findingMarkClass(worst.severity, commentIds.length > 0, false),
          }
        : { className: commentOnlyMarkClass };
      child.properties = { ...child.properties, ...look, className: look.className.split(" ") };
    }
  };
  return (tree: Root) => visit(tree);
}

/**
 * A chapter's Markdown rendered to an HTML string on the server, its open findings underlined and its open
 * comments' passages highlighted exactly as the browser's marks look (same classes, same elements), but not
 * yet interactive: the page makes them buttons once its own lists of findings and comments are the same
 * (`marksKey`), so the browser neither parses the chapter nor renders it again to add the marks.
 */
export function openingChapterHtml({
  chapterId,
  markdown,
  className,
  findings,
  comments,
}: {
  chapterId: string;
  markdown: string;
  className: string;
  findings: readonly Correction[];
  comments: readonly Comment[];
}): OpeningChapterHtml {
  const ranges = passageRanges(markdown, chapterId, findings, comments);
  const marked = ranges.findings.length > 0 || ranges.comments.length > 0;
  const html = renderStaticMarkup(
    <MarkdownBody
      markdown={markdown}
      className={className}
      rehypePlugins={
        marked
          ? [
              [rehypeFindings, { source: markdown, ranges: ranges.findings, comments: ranges.comments }],
              [rehypeMarkLook, { findings }],
            ]
          : undefined
      }
    />,
  );
  return { html, marksKey: passageMarksSource(chapterId, findings, comments) };
}
