// The book's own Markdown (after French typography) behind a YAML front-matter block that tools such
// as pandoc, Jekyll or Hugo read for the title, author, language, date and identifier.
import { DEMO_NOTICE } from "./book-labels";
import type { Exporter } from "./exporter";
import type { ParsedBook } from "./parse-book";

/** Renders the Markdown export: YAML front matter then the source text. */
export function renderMarkdown(book: ParsedBook): string {
  // JSON strings are valid YAML double-quoted scalars, so every value is quoted the same safe way.
  const fields: [string, string][] = [
    ["title", book.title],
    ["author", book.author],
    ["language", book.language],
    ["date", book.date],
    ["identifier", book.identifier],
  ];
  if (book.description) fields.push(["description", book.description]);
  if (book.isDemoContent) fields.push(["notice", DEMO_NOTICE]);
  const frontMatter = fields.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join("\n");
  const body = book.markdown.replace(/^\uFEFF/, "").replace(/\s*$/, "\n");
  return `---\n${frontMatter}\n---\n\n${body}`;
}

export const markdownExporter: Exporter = {
  format: "MARKDOWN",
  contentType: "text/markdown; charset=utf-8",
  fileExtension: "md",
  async render(book) {
    return new TextEncoder().encode(renderMarkdown(book));
  },
};
