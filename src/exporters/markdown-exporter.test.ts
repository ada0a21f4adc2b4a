import { describe, expect, it } from "vitest";
import { DEMO_NOTICE } from "./book-labels";
import { NARROW_NBSP, NBSP } from "./french-typography";
import { markdownExporter } from "./markdown-exporter";
import { parseBook } from "./parse-book";
import { sampleBookInput, sampleMarkdown } from "../../tests/support/exporters/sample-book";

async function render(language: "en" | "fr") {
  const book = await parseBook(sampleBookInput(language));
  const text = new TextDecoder().decode(await markdownExporter.render(book));
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`no front matter in:\n${text.slice(0, 300)}`);
  // Every value is written as a JSON string, which is also a valid YAML scalar.
  const fields = Object.fromEntries(
    match[1]!.split("\n").map((line) => {
      const [, key, value] = /^(\w+): (.*)$/.exec(line) ?? [];
      return [key, JSON.parse(value!)];
    }),
  );
  return { fields, body: match[2]! };
}

describe("Markdown export", () => {
  it("starts with YAML front matter carrying title, author, language, date, identifier and the demo notice", async () => {
    const { fields } = await render("en");
    expect(fields).toEqual({
      title: "The Lighthouse Keeper",
      author: "Ada Marlowe",
      language: "en",
      date: "2025-03-14",
      identifier: "0b6f3c9e-7d1a-4f5e-9a2b-3c4d5e6f7a8b",
      description: "A keeper, a storm, and the light that must not go out.",
      notice: DEMO_NOTICE,
    });
  });

  it("keeps the English source byte for byte", async () => {
    const { body } = await render("en");
    expect(body).toBe(sampleMarkdown("en"));
  });

  it("applies French spacing to prose only, leaving code and URLs as written", async () => {
    const { body, fields } = await render("fr");
    expect(fields.language).toBe("fr");
    expect(body).toContain(
      `Bonjour${NARROW_NBSP}! Vraiment${NARROW_NBSP}? Oui${NARROW_NBSP}; enfin${NBSP}: «${NBSP}une citation${NBSP}».`,
    );
    expect(body).toContain("`inline: code!`");
    expect(body).toContain('const answer = 42; // <tag> & "quotes": fine!');
    expect(body).toContain('(https://example.com/page?x=1 "Example")');
    // Apart from the inserted spaces, nothing changed.
    expect(
      body
        .replace(/[\u00A0\u202F]/g, "")
        .replace(/ ([;!?:»])/g, "$1")
        .replace(/« /g, "«"),
    ).toBe(
      sampleMarkdown("fr")
        .replace(/ ([;!?:»])/g, "$1")
        .replace(/« /g, "«"),
    );
  });
});
