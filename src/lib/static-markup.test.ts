import { Component, createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownBody } from "@/components/books/markdown-body";
import { renderStaticMarkup } from "./static-markup";

// Everything the reader's Markdown can hold: the server's HTML string must be what React renders.
const chapter = [
  '# A title & "quotes"',
  "## Second <level>",
  "### Third",
  "#### Fourth",
  "##### Fifth",
  "###### Sixth",
  "",
  "A paragraph with *emphasis*, **strong**, ~~struck~~, `code < 1`, an apostrophe's \\*escape\\* and &amp; an entity.",
  'A [link](https://example.com "Its title"), a [bad one](javascript:alert(1)) and <b>raw html</b>.',
  "",
  "> A quote",
  "> on two lines",
  "",
  "- one",
  "- two",
  "  1. nested",
  "",
  "3. starts at three",
  "",
  "- [x] done",
  "- [ ] to do",
  "",
  "| Left | Centre | Right |",
  "|:-----|:------:|------:|",
  "| a | b | c |",
  "",
  "```ts",
  "const x = 1 < 2;",
  "```",
  "",
  "    indented code",
  "",
  "---",
  "",
  "![An image](https://example.com/a.png) and a line  ",
  "break, then a footnote[^1].",
  "",
  "[^1]: The note.",
].join("\n");

class Old extends Component {
  render() {
    return "x";
  }
}

describe("renderStaticMarkup", () => {
  it("renders a chapter's Markdown exactly as react-dom's renderToStaticMarkup does", () => {
    const element = createElement(MarkdownBody, { markdown: chapter, className: "reader" });
    const html = renderStaticMarkup(element);
    expect(html).toBe(renderToStaticMarkup(element));
    expect(html).toContain(
      '<h3 class="mt-6 font-serif text-xl font-semibold text-stone-900">A title &amp; &quot;quotes&quot;</h3>',
    );
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<b>");
  });

  it("renders fragments, attributes, booleans and styles like React", () => {
    const element = createElement(
      Fragment,
      null,
      createElement("input", { type: "checkbox", checked: true, disabled: true, readOnly: false }),
      createElement(
        "td",
        { style: { textAlign: "right" }, "data-x": true, "aria-hidden": false, onClick: () => {} },
        3,
      ),
      createElement("label", { htmlFor: "a", className: "b" }, ["x", null, false, "y"]),
    );
    expect(renderStaticMarkup(element)).toBe(renderToStaticMarkup(element));
  });

  it("refuses what it cannot render the way React would (class components)", () => {
    expect(() => renderStaticMarkup(createElement(Old))).toThrow(/only host elements/);
  });
});
