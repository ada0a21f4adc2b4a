import { type HTMLElement, parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { DEMO_NOTICE } from "./book-labels";
import { NARROW_NBSP, NBSP } from "./french-typography";
import { htmlExporter } from "./html-exporter";
import { parseBook } from "./parse-book";
import { SAMPLE_CHAPTER_TITLES, SAMPLE_TITLES, sampleBookInput } from "../../tests/support/exporters/sample-book";

async function renderSample(language: "en" | "fr") {
  const book = await parseBook(sampleBookInput(language, { cover: true }));
  const html = new TextDecoder().decode(await htmlExporter.render(book));
  // node-html-parser keeps <pre> as raw text by default; parse it as elements like a browser does.
  return { html, root: parse(html, { blockTextElements: { script: true, style: true } }), book };
}

// Collapse only ASCII whitespace: \s would also swallow the no-break spaces under test.
const text = (el: HTMLElement) => el.textContent.replace(/[ \t\r\n]+/g, " ").trim();

describe.each(["en", "fr"] as const)("HTML export (%s)", (language) => {
  it("is one standalone page with the book's language, one h1 and a chapter h2 each", async () => {
    const { html, root } = await renderSample(language);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(root.querySelector("html")?.getAttribute("lang")).toBe(language);
    expect(root.querySelector("meta[charset]")?.getAttribute("charset")).toBe("utf-8");
    expect(root.querySelectorAll("h1").map(text)).toEqual([SAMPLE_TITLES[language]]);
    expect(root.querySelectorAll("section.chapter > h2").map(text)).toEqual(SAMPLE_CHAPTER_TITLES[language]);
    expect(root.querySelectorAll("link[rel=stylesheet], script")).toHaveLength(0);
    expect(text(root.querySelector(".demo-notice")!)).toBe(DEMO_NOTICE);
  });

  it("has a table of contents whose every link resolves to a chapter heading, and unique ids", async () => {
    const { root } = await renderSample(language);
    const links = root.querySelectorAll("nav#toc a");
    expect(links.map(text)).toEqual(SAMPLE_CHAPTER_TITLES[language]);
    for (const link of links) {
      const target = root.getElementById(link.getAttribute("href")!.slice(1));
      expect(target?.tagName).toBe("H2");
      expect(text(target!)).toBe(text(link));
    }
    const ids = root.querySelectorAll("[id]").map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every in-page link (toc, cross-references, notes, back-links) has a target.
    for (const a of root.querySelectorAll('a[href^="#"]')) {
      expect(root.getElementById(a.getAttribute("href")!.slice(1)), a.toString()).not.toBeNull();
    }
  });

  it("links note references to a numbered notes section and back", async () => {
    const { root } = await renderSample(language);
    const refs = root.querySelectorAll("a.noteref");
    expect(refs.map(text)).toEqual(["1", "2", "1"]);
    const notes = root.querySelectorAll("section#footnotes li");
    expect(notes.map((li) => li.id)).toEqual(["fn-1", "fn-2"]);
    expect(text(notes[0]!)).toContain("The first note, with emphasis.");
    expect(notes[0]!.querySelector("em")?.textContent).toBe("emphasis");
    expect(notes[0]!.querySelector("a[role=doc-backlink]")?.getAttribute("href")).toBe("#fnref-1");
  });

  it("renders tables, lists, quotes, code, links and an inlined image, and escapes raw HTML", async () => {
    const { root } = await renderSample(language);
    const table = root.querySelector("table")!;
    expect(table.querySelectorAll("thead th").map(text)).toEqual(["Name", "Count", "Note"]);
    expect(table.querySelectorAll("tbody tr")).toHaveLength(2);
    expect(table.querySelector("tbody td:nth-child(2)")?.getAttribute("style")).toBe("text-align: right");
    expect(root.querySelectorAll("ul li").length).toBeGreaterThanOrEqual(5);
    expect(root.querySelectorAll("main ol li").map(text)).toEqual(["one", "two", "three"]);
    expect(root.querySelector("blockquote")).not.toBeNull();
    expect(root.querySelector("pre > code.language-js")?.textContent).toBe(
      'const answer = 42; // <tag> & "quotes": fine!',
    );
    expect(root.querySelector('a[href="https://example.com/page?x=1"]')?.getAttribute("title")).toBe("Example");
    const img = root.querySelector("main img")!;
    expect(img.getAttribute("src")).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(img.getAttribute("alt")).toBe("A generated harbour image");
    expect(root.querySelector("img.cover")?.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    // The raw <b> in the Markdown is shown as text, never turned into markup.
    expect(root.querySelectorAll("main b")).toHaveLength(0);
    expect(text(root.querySelector("main")!)).toContain("<b>raw html</b>");
  });

  it("applies French spacing in French only, outside code", async () => {
    const { root } = await renderSample(language);
    const first = text(root.querySelector("section.chapter p")!);
    if (language === "fr") {
      expect(first).toBe(
        `Bonjour${NARROW_NBSP}! Vraiment${NARROW_NBSP}? Oui${NARROW_NBSP}; enfin${NBSP}: «${NBSP}une citation${NBSP}».`,
      );
    } else {
      expect(first).toBe("Hello! Really? Yes; finally: “a quotation”.");
      expect(root.querySelector("main")!.textContent).not.toMatch(/[\u00A0\u202F]/);
    }
    expect(root.querySelector("p code")?.textContent).toBe("inline: code!");
  });
});
