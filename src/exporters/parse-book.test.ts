import { describe, expect, it } from "vitest";
import { NARROW_NBSP } from "./french-typography";
import { type ParseBookInput, parseBook, plainText, visit } from "./parse-book";
import {
  SAMPLE_CHAPTER_TITLES,
  SAMPLE_IMAGE_URL,
  sampleBookInput,
  samplePng,
} from "../../tests/support/exporters/sample-book";

const base: Omit<ParseBookInput, "content"> = {
  title: "T",
  author: "A",
  language: "en",
  identifier: "id-1",
  date: "2025-01-02",
};

describe("parseBook", () => {
  it("makes the ## sections chapters, drops the # title heading and keeps the text before chapter 1 as an opening", async () => {
    const book = await parseBook({ ...base, content: "# Book\n\nIntro.\n\n## One\n\nA.\n\n### Sub\n\n## Two\n\nB.\n" });
    expect(book.chapters.map((c) => c.title)).toEqual(["One", "Two"]);
    expect(book.opening.map((n) => plainText(n))).toEqual(["Intro."]);
    const sub = book.chapters[0]!.children.find((n) => n.type === "heading");
    expect(sub?.type === "heading" && sub.depth).toBe(3);
  });

  it("falls back to # sections when there is no ## heading, renumbering their sub-headings", async () => {
    const book = await parseBook({
      ...base,
      title: "Book",
      content: "# Book\n\n# One\n\n## Part\n\nA.\n\n# Two\n\nB.\n",
    });
    expect(book.chapters.map((c) => c.title)).toEqual(["One", "Two"]);
    const part = book.chapters[0]!.children[0]!;
    expect(part.type === "heading" && part.depth).toBe(3);
  });

  it("keeps a leading # heading as a chapter when the book has several # headings and it is not the title", async () => {
    const book = await parseBook({ ...base, title: "Book", content: "# One\n\nA.\n\n# Two\n\nB.\n" });
    expect(book.chapters.map((c) => c.title)).toEqual(["One", "Two"]);
    const titled = await parseBook({ ...base, title: "Book", content: "# Book\n\n# One\n\nA.\n\n# Two\n\nB.\n" });
    expect(titled.chapters.map((c) => c.title)).toEqual(["One", "Two"]);
  });

  it("makes a book without headings one chapter named after the book", async () => {
    const book = await parseBook({ ...base, title: "Lone", content: "Just text.\n\nMore text.\n" });
    expect(book.chapters).toHaveLength(1);
    expect(book.chapters[0]!.title).toBe("Lone");
    expect(book.chapters[0]!.children).toHaveLength(2);
  });

  it("gives headings unique ids and resolves in-book links to the chapter holding them", async () => {
    const book = await parseBook({ ...base, content: "## Same\n\n### Same\n\n## 2nd: Élan!\n\n[x](#same-1)\n" });
    expect(book.chapters.map((c) => c.id)).toEqual(["same", "h-2nd-elan"]);
    expect(book.resolveAnchor("#same-1")).toEqual({ id: "same-1", chapter: 0 });
    expect(book.resolveAnchor("#2nd-élan")).toEqual({ id: "h-2nd-elan", chapter: 1 });
    expect(book.resolveAnchor("#missing")).toBeNull();
    expect(book.resolveAnchor("https://example.com")).toBeNull();
  });

  it("numbers footnotes by first reference, drops definitions from the body and resolves reference links", async () => {
    const content =
      "## A\n\nSee[^b] and[^a] again[^b], [ref][r].\n\n[^a]: Note A.\n[^b]: Note B.\n[^unused]: Never cited.\n\n[r]: https://x.org\n";
    const book = await parseBook({ ...base, content });
    expect([...book.footnotes.entries()].map(([key, note]) => [key, note.number, note.id])).toEqual([
      ["b", 1, "fn-1"],
      ["a", 2, "fn-2"],
    ]);
    const types = new Set<string>();
    for (const node of book.chapters[0]!.children) visit(node, (n) => types.add(n.type));
    expect(types.has("footnoteDefinition")).toBe(false);
    expect(types.has("definition")).toBe(false);
    expect(types.has("linkReference")).toBe(false);
    expect(types.has("link")).toBe(true);
  });

  it("resolves images through resolveImage once per URL, reading their real type and size", async () => {
    const calls: string[] = [];
    const book = await parseBook({
      ...base,
      content: "## A\n\n![a](pic.png) ![b](pic.png) ![c](missing.png) ![d](junk.bin)\n",
      resolveImage: async (src) => {
        calls.push(src);
        if (src === "pic.png") return { bytes: samplePng(20, 10), contentType: "application/octet-stream" };
        if (src === "junk.bin") return { bytes: new Uint8Array([1, 2, 3]), contentType: "image/png" };
        return null;
      },
    });
    expect(calls).toEqual(["pic.png", "missing.png", "junk.bin"]);
    expect([...book.images.keys()]).toEqual(["pic.png"]);
    expect(book.images.get("pic.png")).toMatchObject({
      contentType: "image/png",
      width: 20,
      height: 10,
      fileName: "img-1.png",
    });
  });

  it("resolves images inside footnotes too", async () => {
    const book = await parseBook({
      ...base,
      content: "## A\n\nText[^n].\n\n[^n]: A note with ![pic](note.png).\n",
      resolveImage: async (src) => (src === "note.png" ? { bytes: samplePng(8, 8), contentType: "image/png" } : null),
    });
    expect([...book.images.keys()]).toEqual(["note.png"]);
  });

  it("normalises dates and applies French typography to metadata and text but not code", async () => {
    const book = await parseBook({
      ...base,
      language: "fr",
      title: "Pourquoi?",
      date: new Date("2025-06-01T15:00:00Z"),
      modified: "2025-06-02T10:11:12.345Z",
      content: "## Un\n\nQuoi? `a?b ?`\n",
    });
    expect(book.title).toBe(`Pourquoi${NARROW_NBSP}?`);
    expect(book.date).toBe("2025-06-01");
    expect(book.modified).toBe("2025-06-02T10:11:12Z");
    expect(book.markdown).toBe(`## Un\n\nQuoi${NARROW_NBSP}? \`a?b ?\`\n`);
    expect(JSON.stringify(book.chapters[0]!.children)).toContain(`Quoi${NARROW_NBSP}?`);
    expect(JSON.stringify(book.chapters[0]!.children)).toContain('"value":"a?b ?"');
  });

  it("drops HTML comments, turns <br> into a line break and keeps other raw HTML as text", async () => {
    const book = await parseBook({ ...base, content: "## A\n\n<!-- hidden -->\n\nOne<br>two <b>bold</b>\n" });
    const types: string[] = [];
    for (const node of book.chapters[0]!.children) visit(node, (n) => types.push(n.type));
    expect(types).toEqual(["paragraph", "text", "break", "text", "html", "text", "html"]);
    expect(plainText(book.chapters[0]!.children[0]!)).toBe("One two bold");
  });

  it("rejects an invalid date rather than writing a broken one into every format", async () => {
    await expect(parseBook({ ...base, date: "not a date", content: "x" })).rejects.toThrow(/Invalid book date/);
  });

  it("parses the sample book into its three chapters with the image resolved", async () => {
    const book = await parseBook(sampleBookInput("en"));
    expect(book.chapters.map((c) => c.title)).toEqual(SAMPLE_CHAPTER_TITLES.en);
    expect(book.images.has(SAMPLE_IMAGE_URL)).toBe(true);
    expect(book.footnotes.size).toBe(2);
  });
});
