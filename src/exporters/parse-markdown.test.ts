import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { gfmSyntaxFor, parseMarkdown } from "./parse-markdown";
import { generateBenchBook } from "../../tests/support/exporters/bench-book";
import { sampleMarkdown } from "../../tests/support/exporters/sample-book";

const reference = (source: string) => unified().use(remarkParse).use(remarkGfm).parse(source) as Root;

// Inputs where autolink literals do, or only nearly, occur: in prose, after escapes and character
// references, inside links and code, in other case, at block edges, and next to other GFM syntax.
const TRICKY = [
  "Write to ada@example.com or visit www.example.com and https://example.org/path?q=1.",
  "No autolinks here at all, just words: 10:30, a/b, x.y and (brackets).",
  "Escaped: ada\\@example.com, www\\.example.com, https:\\/\\/example.com, \\www.example.com",
  "References: ada&#64;example.com, www&period;example.com, https&colon;//example.com &amp; more",
  "Upper case: WWW.EXAMPLE.COM, HTTPS://EXAMPLE.COM, Http://Example.Com, ADA@EXAMPLE.COM.",
  "Links: [www.example.com](https://x.org) and <https://example.com> and `https://code.example`",
  "```\nhttps://fenced.example www.fenced.example a@b.co\n```",
  "    indented https://code.example",
  "> quoted www.example.com\n> and a@b.co on the next line",
  "- item https://example.com/a_(b)\n- [ ] task mailto:ada@example.com\n- [x] xmpp:ada@example.com/res",
  "| a | b |\n|---|---|\n| https://t.example | c@d.io |",
  "Emphasis *www.example.com* and **https://example.com** and ~~a@b.co~~ and _x_www.example.com",
  "Trailing punctuation: https://example.com/path). www.example.com... a@b.co. a@b.c_ a@b.c-",
  "Footnote[^1] with a URL.\n\n[^1]: See https://example.com and ada@example.com.",
  "Split over lines: www\n.example.com and https:\n//example.com and ada\n@example.com",
  "Text right before:xhttps://example.com a_www.example.com 1www.example.com .".split(" ").join(" "),
  "<span>https://inline-html.example</span> and <!-- www.comment.example -->",
  "[ref]: https://ref.example\n\n[ref] and www.example.com",
];

// Table edge cases: containers, interrupted paragraphs, body rows, lazy lines, look-alike lines.
const TABLES = [
  "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\nafter",
  "a | b\n--|--\n1 | 2",
  "| a |\n| - |\n| 1 |",
  "a paragraph line\n| a | b |\n| --- | --- |\n| 1 | 2 |",
  "> | a | b |\n> |---|---|\n> | 1 | 2 |\n| lazy | row |",
  "> | a | b |\n|---|---|",
  "- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- next",
  "| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|:--|",
  "Title\n---\n\n| x |\n|---\n\nText\n- - -\nmore",
  "| a \\| b | c |\n|---|---|\n| `x|y` | z |",
  "| a | b |\n|---|---|   \n| 1 | 2 |",
  "| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n",
  "| a | b |\n|---|---|",
  "| only a head row |",
  "| a | b |\n| c | d |\n|---|---|",
  "    | indented | code |\n    |---|---|",
  "```\n| a |\n|---|\n```",
  "| a | b |\n|-x-|---|",
  "| a | b | c |\n|---|---|\n| 1 | 2 | 3 |",
];

describe("parseMarkdown", () => {
  it("produces remark-gfm's tree, positions included, for autolink edge cases", () => {
    for (const source of TRICKY) {
      expect(parseMarkdown(source), source).toEqual(reference(source));
    }
    const all = TRICKY.join("\n\n");
    expect(parseMarkdown(all)).toEqual(reference(all));
  });

  it("produces remark-gfm's tree for table edge cases", () => {
    for (const source of TABLES) {
      expect(parseMarkdown(source), JSON.stringify(source)).toEqual(reference(source));
    }
    const all = TABLES.filter((t) => !t.includes("\r")).join("\n\n");
    expect(parseMarkdown(all)).toEqual(reference(all));
  });

  it("produces remark-gfm's tree for the sample books and a generated book", () => {
    for (const source of [sampleMarkdown("en"), sampleMarkdown("fr"), generateBenchBook(5000, "fr").markdown]) {
      expect(parseMarkdown(source)).toEqual(reference(source));
    }
  });

  it("registers an autolink-literal construct only when its trigger occurs in the source", () => {
    const names = (source: string) =>
      new Set(
        Object.values(gfmSyntaxFor(source).text ?? {})
          .flat()
          .map((construct) => (construct as { name?: string }).name)
          .filter((name) => name?.endsWith("Autolink")),
      );
    expect(names("plain words")).toEqual(new Set());
    expect(names("a@b.co")).toEqual(new Set(["emailAutolink"]));
    expect(names("WWW.x.y and HTTP://z")).toEqual(new Set(["wwwAutolink", "protocolAutolink"]));
  });
});
