import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { alignToSource, rehypeFindings } from "./rehype-findings";
import type { FindingRange } from "./split-by-findings";

function render(source: string, ranges: FindingRange[], comments: FindingRange[] = []): string {
  return renderToStaticMarkup(
    createElement(
      ReactMarkdown,
      {
        remarkPlugins: [remarkGfm],
        rehypePlugins: [[rehypeFindings, { source, ranges, comments }]],
        skipHtml: true,
      },
      source,
    ),
  );
}

function range(source: string, id: string, quote: string, from = 0): FindingRange {
  const start = source.indexOf(quote, from);
  if (start < 0) throw new Error(`${quote} not in source`);
  return { id, start, end: start + quote.length };
}

describe("rehypeFindings", () => {
  it("wraps the flagged words of a paragraph in marks, by source offset", () => {
    const source = "# Title\n\nI will recieve a apple tomorrow.\n";
    const html = render(source, [range(source, "s1", "recieve"), range(source, "g1", "a apple")]);
    expect(html).toBe(
      '<h1>Title</h1>\n<p>I will <mark data-finding-ids="s1">recieve</mark> <mark data-finding-ids="g1">a apple</mark> tomorrow.</p>',
    );
  });

  it("finds words inside emphasis and on a second paragraph", () => {
    const source = "First *recieve* here.\n\nSecond recieve there.\n";
    const html = render(source, [range(source, "a", "recieve"), range(source, "b", "recieve", 20)]);
    expect(html).toContain('<em><mark data-finding-ids="a">recieve</mark></em>');
    expect(html).toContain('Second <mark data-finding-ids="b">recieve</mark> there.');
  });

  it("leaves code untouched and aligns text whose source has escapes", () => {
    const source = "Use `recieve` in code.\n\nAn \\*escaped\\* recieve.\n";
    const inCode = range(source, "code", "recieve");
    const escaped = range(source, "esc", "recieve", inCode.end);
    const html = render(source, [inCode, escaped]);
    expect(html).toContain("<code>recieve</code>");
    expect(html).not.toContain('data-finding-ids="code"');
    // "An *escaped* recieve." is one text node whose source has two backslashes more.
    expect(html).toContain('<p>An *escaped* <mark data-finding-ids="esc">recieve</mark>.</p>');
  });

  it("aligns the second line of a blockquote and an entity", () => {
    const source = "> A first line\n> and recieve &amp; a apple.\n";
    const html = render(source, [range(source, "s", "recieve"), range(source, "g", "a apple")]);
    expect(html).toContain(
      'and <mark data-finding-ids="s">recieve</mark> &amp; <mark data-finding-ids="g">a apple</mark>.',
    );
  });

  it("alignToSource returns null when the text is not in its source span", () => {
    expect(alignToSource("abc", "xaxbxc", 0, 6)).toEqual([1, 3, 5]);
    expect(alignToSource("abd", "abc", 0, 3)).toBeNull();
  });

  it("does not put a mark inside a link (no control inside a control)", () => {
    const source = "See [recieve here](https://example.test) and recieve.\n";
    const inLink = range(source, "link", "recieve");
    const outside = range(source, "out", "recieve", inLink.end);
    const html = render(source, [inLink, outside]);
    expect(html).toContain('<a href="https://example.test">recieve here</a>');
    expect(html).toContain('and <mark data-finding-ids="out">recieve</mark>.');
  });

  it("renders exactly as without the plugin when there are no ranges", () => {
    const source = "Plain *text* with `code`.\n";
    expect(render(source, [])).toBe(renderToStaticMarkup(createElement(ReactMarkdown, { skipHtml: true }, source)));
  });

  it("marks an open comment's passage, and a run under a comment and a finding once with both ids", () => {
    const source = "# Bees\n\nThe hive sits in *the* sun.\n";
    const html = render(source, [range(source, "spell", "sits")], [range(source, "c1", "hive sits in *the")]);
    expect(html).toContain(
      '<p>The <mark data-comment-ids="c1">hive </mark><mark data-finding-ids="spell" data-comment-ids="c1">sits</mark>' +
        '<mark data-comment-ids="c1"> in </mark><em><mark data-comment-ids="c1">the</mark></em> sun.</p>',
    );
  });

  it("marks comments with no finding at all", () => {
    const source = "One line.\n\nA second line.\n";
    expect(render(source, [], [range(source, "c", "second")])).toBe(
      '<p>One line.</p>\n<p>A <mark data-comment-ids="c">second</mark> line.</p>',
    );
  });
});
