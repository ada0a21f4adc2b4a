import { describe, expect, it } from "vitest";
import type { Comment } from "@/contracts/comments";
import type { Correction } from "@/contracts/corrections";
import { findingMarkClass } from "@/components/corrections/finding-style";
import { passageMarksSource } from "@/components/corrections/passage-ranges";
import { commentOnlyMarkClass } from "@/components/review/review-marks";
import { openingChapterHtml } from "./opening-chapter-html";

const markdown = "She would recieve a apple from the old harbour master.\n\nThe tide came in, as it always did.";
const at = (quote: string) => ({
  startOffset: markdown.indexOf(quote),
  endOffset: markdown.indexOf(quote) + quote.length,
});

function finding(id: string, quote: string, extra: Partial<Correction> = {}): Correction {
  return {
    id,
    scope: "CHAPTER",
    bookId: "b1",
    chapterId: "c1",
    type: "SPELLING",
    severity: "ERROR",
    status: "OPEN",
    checker: "spelling",
    ruleId: "spelling",
    message: "Misspelt",
    original: quote,
    suggestions: [],
    ...at(quote),
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: null,
    source: "CHECKER",
    author: null,
    createdAt: "2026-12-04T00:00:00.000Z",
    updatedAt: "2026-12-04T00:00:00.000Z",
    ...extra,
  };
}

function comment(id: string, quote: string, extra: Partial<Comment> = {}): Comment {
  return {
    id,
    bookId: "b1",
    chapterId: "c1",
    author: null,
    body: "A note",
    ...at(quote),
    quote,
    detached: false,
    status: "OPEN",
    resolvedBy: null,
    resolvedAt: null,
    mentions: [],
    replies: [],
    createdAt: "2026-12-04T00:00:00.000Z",
    updatedAt: "2026-12-04T00:00:00.000Z",
    ...extra,
  };
}

describe("openingChapterHtml", () => {
  it("renders the chapter with its findings and comments marked as the browser's marks look", () => {
    const findings = [
      finding("f1", "recieve"),
      finding("f2", "a apple", { type: "GRAMMAR", severity: "WARNING" }),
      finding("f3", "recieve", { type: "STYLE", severity: "INFO" }),
      // Another chapter's, and one whose words are no longer where it says: neither is marked.
      finding("f4", "tide", { chapterId: "c2" }),
      finding("f5", "harbour", { original: "harbor" }),
    ];
    const comments = [
      comment("k1", "old harbour master"),
      comment("k2", "apple from"),
      comment("k3", "The tide", { status: "RESOLVED" }),
    ];
    const { html, marksKey } = openingChapterHtml({
      chapterId: "c1",
      markdown,
      className: "reader",
      findings,
      comments,
    });

    expect(
      html.startsWith('<div class="min-w-0 wrap-anywhere reader"><p class="mt-4 leading-relaxed first:mt-0">'),
    ).toBe(true);
    // Two findings on one word: one mark, the worse severity's look, both ids.
    expect(html).toContain(
      `<mark data-finding-ids="f1 f3" data-severity="ERROR" data-type="SPELLING" class="${findingMarkClass("ERROR", false, false)}">recieve</mark>`,
    );
    // A finding and a comment on the same run: the finding's underline with the comment's highlight.
    expect(html).toContain(
      `<mark data-finding-ids="f2" data-comment-ids="k2" data-severity="WARNING" data-type="GRAMMAR" class="${findingMarkClass("WARNING", true, false)}">apple</mark>`,
    );
    expect(html).toContain(`<mark data-comment-ids="k1" class="${commentOnlyMarkClass}">old harbour master</mark>`);
    expect(html).not.toContain("f4");
    expect(html).not.toContain("f5");
    expect(html).not.toContain("k3");
    // Nothing interactive yet: the browser makes the marks buttons once its own lists agree.
    expect(html).not.toContain("role=");
    expect(html).not.toContain("data-finding-mark");

    // The key is what the browser computes from its own lists (the book's, in whatever order), without the text.
    const bookFindings = [...findings, finding("f9", "tide", { chapterId: "c3" })].reverse();
    expect(marksKey).toBe(passageMarksSource("c1", bookFindings, [...comments].reverse()));
    expect(marksKey).not.toBe(passageMarksSource("c1", findings.slice(1), comments));
    expect(marksKey).not.toBe(passageMarksSource("c1", findings, comments.slice(1)));
    const worse = findings.map((f) => (f.id === "f2" ? { ...f, severity: "CRITICAL" as const } : f));
    expect(marksKey).not.toBe(passageMarksSource("c1", worse, comments));
  });

  it("renders a chapter without marks as plain Markdown", () => {
    const { html, marksKey } = openingChapterHtml({
      chapterId: "c1",
      markdown,
      className: "reader",
      findings: [],
      comments: [],
    });
    expect(html).not.toContain("<mark");
    expect(html).toContain("She would recieve a apple");
    expect(marksKey).toBe("");
  });
});
