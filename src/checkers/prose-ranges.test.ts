import { describe, expect, it } from "vitest";
import {
  blankFrontMatter,
  isInUrlOrEmail,
  isSentenceInitial,
  proseSegments,
  toSourceRange,
  tokenizeWords,
} from "./prose-ranges";

const texts = (markdown: string) => proseSegments(markdown).map((segment) => segment.text);

// Every unit of every segment maps back to the same character in the source (except escapes/references).
function expectFaithful(markdown: string) {
  for (const segment of proseSegments(markdown)) {
    for (let i = 0; i < segment.text.length; i++) {
      const c = segment.text.charAt(i);
      if (c === "\n" || c === " " || segment.ends[i]! - segment.offsets[i]! > 1) continue;
      expect(markdown.charAt(segment.offsets[i]!)).toBe(c);
    }
  }
}

describe("proseSegments", () => {
  it("joins the inline text of a paragraph across emphasis, so sentences read whole", () => {
    const markdown = "I ate a **apple** and _the_ the cat.";
    expect(texts(markdown)).toEqual(["I ate a apple and the the cat."]);
    const [segment] = proseSegments(markdown);
    const start = segment!.text.indexOf("apple");
    const range = toSourceRange(segment!, start, start + 5);
    expect(markdown.slice(range.start, range.end)).toBe("apple");
    expectFaithful(markdown);
  });

  it("skips code blocks, inline code, HTML, images, bare URLs and link targets, keeps link text", () => {
    const markdown = [
      "Read [the mannual](https://exampel.com/wrongg) now.",
      "",
      "```js",
      "const speling = 1;",
      "```",
      "",
      'Call `mispeled()` then <span class="wrongg">inline</span> go.',
      "",
      "<div>blockk html</div>",
      "",
      "![alt textt](pic.png) See https://exampel.org/pathh and <https://autolinkk.com>.",
      "",
      "    indented codee",
    ].join("\n");
    const all = texts(markdown).join(" | ");
    expect(all).toContain("the mannual");
    for (const hidden of [
      "exampel",
      "wrongg",
      "speling",
      "mispeled",
      "blockk",
      "textt",
      "pathh",
      "autolinkk",
      "codee",
    ]) {
      expect(all).not.toContain(hidden);
    }
    expectFaithful(markdown);
  });

  it("skips front matter without moving offsets", () => {
    const markdown = "---\ntitle: Wrongg\n---\n\nHello wurld.";
    expect(blankFrontMatter(markdown)).toHaveLength(markdown.length);
    expect(texts(markdown)).toEqual(["Hello wurld."]);
    const [segment] = proseSegments(markdown);
    const range = toSourceRange(segment!, 6, 11);
    expect(markdown.slice(range.start, range.end)).toBe("wurld");
  });

  it("maps text through block quotes, list items, tables, headings, escapes and references", () => {
    const markdown =
      "# A headding\n\n> quoted\n> lines here\n\n- item onee\n  continued\n\n| cell one | cell twoo |\n| --- | --- |\n| a | b |\n\nEscaped \\*star\\* and caf&eacute; ok.";
    const all = texts(markdown);
    expect(all).toContain("A headding");
    expect(all).toContain("quoted\nlines here");
    expect(all).toContain("item onee\ncontinued");
    expect(all).toContain("cell twoo");
    expect(all).toContain("Escaped *star* and café ok.");
    expectFaithful(markdown);
    const escaped = proseSegments(markdown).find((segment) => segment.text.startsWith("Escaped"))!;
    const cafe = escaped.text.indexOf("café");
    const written = toSourceRange(escaped, cafe, cafe + 4);
    expect(markdown.slice(written.start, written.end)).toBe("caf&eacute;");
    const ok = escaped.text.indexOf("ok");
    const range = toSourceRange(escaped, ok, ok + 2);
    expect(markdown.slice(range.start, range.end)).toBe("ok");
  });
});

describe("tokenizeWords", () => {
  it("keeps apostrophes and hyphens inside words, with offsets", () => {
    expect(tokenizeWords("l’arbre d'un well-known café, 42 x").map((token) => token.word)).toEqual([
      "l’arbre",
      "d'un",
      "well-known",
      "café",
      "42",
      "x",
    ]);
    const [token] = tokenizeWords("  naïve");
    expect(token).toEqual({ word: "naïve", start: 2, end: 7 });
  });
});

describe("helpers", () => {
  it("tells sentence-initial words and URLs apart", () => {
    const text = "He left. “Then Marc came,” said Anna.";
    expect(isSentenceInitial(text, 0)).toBe(true);
    expect(isSentenceInitial(text, text.indexOf("Then"))).toBe(true);
    expect(isSentenceInitial(text, text.indexOf("Marc"))).toBe(false);
    const url = "Write to jane@exampel.com or visit exampel.org today.";
    expect(isInUrlOrEmail(url, url.indexOf("exampel"), url.indexOf("exampel") + 7)).toBe(true);
    expect(isInUrlOrEmail(url, url.indexOf("exampel.org"), url.indexOf("exampel.org") + 7)).toBe(true);
    expect(isInUrlOrEmail(url, 0, 5)).toBe(false);
  });
});
