// Typesets the book as a PDF with Typst (typst-ts-node-compiler, fonts bundled in the binary plus the
// fallback fonts of pdf-fonts.ts for CJK, Arabic and emoji): cover, title page, table of contents, chapters
// opening on new pages, running heads, page numbers, footnotes, justified text hyphenated in the book's
// language, every font embedded. Book text only ever reaches Typst inside string literals (#"..."), never
// as markup or code.
import type { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import type { Nodes, PhrasingContent, RootContent } from "mdast";
import { env } from "@/server/env";
import { DEMO_NOTICE, bookLabels } from "./book-labels";
import type { Exporter } from "./exporter";
import { isExternalUrl } from "./html-render";
import type { BookImage, ParsedBook } from "./parse-book";
import { loadPdfFonts, missingFontsWarning, type PdfFonts, parseFontPaths } from "./pdf-fonts";

// A directory that does not exist: Typst can then read nothing from disk, only our shadow files.
const WORKSPACE = "/scriptorium-typst-book";
const BODY_FONT = "Libertinus Serif";
const MONO_FONT = "DejaVu Sans Mono";
const TEXT_WIDTH_PT = 300;
/**
 * Runs of more characters than this get a break opportunity between every two characters, so a word too
 * long for any line (a 300-letter word, a long URL) wraps instead of running off the page. Real words in
 * English and French stay below it and keep Typst's hyphenation.
 */
const LONG_WORD = 30;
/** The same on the title page, whose 24 pt title fits about half as many characters on a line. */
const LONG_TITLE_WORD = 15;
const ZERO_WIDTH_SPACE = "\u200B";
/** Scripts Typst already breaks between any two characters: no extra break opportunities there. */
const BREAKS_ANYWHERE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

let fonts: PdfFonts | null = null;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML and Typst strings forbid is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** Escapes text as a Typst string literal (the only way book text enters the Typst source). */
export function typstString(text: string): string {
  const body = text
    .replace(CONTROL_CHARACTERS, "")
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(/\n/g, "\\n");
  return `"${body}"`;
}

/**
 * Lets Typst break words longer than `longerThan` characters anywhere, by putting a zero-width space
 * between their characters (whole grapheme clusters, so accents and emoji sequences stay intact).
 */
export function breakLongWords(text: string, longerThan = LONG_WORD): string {
  if (text.length <= longerThan) return text;
  return text.replace(/\S+/gu, (word) => {
    if (word.length <= longerThan) return word;
    const clusters = Array.from(graphemes.segment(word), (part) => part.segment);
    if (clusters.length <= longerThan) return word;
    return clusters
      .map((cluster, i) => {
        const following = clusters[i + 1];
        const breakable = following && !BREAKS_ANYWHERE.test(cluster) && !BREAKS_ANYWHERE.test(following);
        return breakable ? cluster + ZERO_WIDTH_SPACE : cluster;
      })
      .join("");
  });
}

/**
 * The fonts Typst tries in order: the body font, then one installed font per script it lacks
 * (see pdf-fonts.ts). Typst takes each character from the first font in the list that has it.
 */
function fontList(first: string, fallbackFamilies: readonly string[]): string {
  return `(${[first, ...fallbackFamilies].map(typstString).join(", ")},)`;
}

/** Generates the complete Typst source for a book; images are referenced as /images/<file>. */
export function bookToTypst(
  book: ParsedBook,
  fallbackFamilies: readonly string[] = [],
): { source: string; images: BookImage[] } {
  const writer = new TypstWriter(book);
  const labels = bookLabels(book.language);
  const [year, month, day] = book.date.split("-").map(Number);
  const description = [book.isDemoContent ? DEMO_NOTICE : "", book.description ?? ""].filter(Boolean).join(" — ");
  const parts: string[] = [];
  parts.push(`#let book-title = ${typstString(breakLongWords(book.title))}
#set document(title: ${typstString(book.title)}, author: (${typstString(book.author)},), description: ${typstString(description)}, keywords: (${typstString(book.identifier)},), date: datetime(year: ${year}, month: ${month}, day: ${day}))
#set page(paper: "a5", binding: left, margin: (inside: 20mm, outside: 16mm, top: 20mm, bottom: 22mm))
#set text(font: ${fontList(BODY_FONT, fallbackFamilies)}, size: 10.5pt, lang: ${typstString(book.language)}, hyphenate: true)
#set par(justify: true, leading: 0.62em, spacing: 0.9em, first-line-indent: 1.2em)
#show raw: set text(font: ${fontList(MONO_FONT, fallbackFamilies)}, size: 0.82em, hyphenate: false)
#show raw.where(block: true): it => block(fill: luma(245), inset: 7pt, radius: 2pt, width: 100%, it)
#show heading: set text(hyphenate: false)
#show heading: set par(justify: false)
#show heading.where(level: 1, outlined: true): it => {
  pagebreak(weak: true)
  v(18%)
  block(text(size: 19pt, weight: "bold", it.body))
  v(2.2em)
}
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11.5pt)
#show quote.where(block: true): set text(style: "italic")
#set table(stroke: 0.5pt + luma(170), inset: 5pt)
#show table.cell.where(y: 0): strong
#show link: it => if type(it.dest) == str { underline(stroke: 0.4pt + luma(120), offset: 2pt, it) } else { it }
#set footnote.entry(separator: line(length: 30%, stroke: 0.5pt))
#let task(done) = box(stroke: 0.6pt, width: 0.7em, height: 0.7em, baseline: 0.05em, if done { align(center + horizon, text(size: 0.6em)[x]) })
`);
  if (book.cover) {
    writer.includeImage(book.cover);
    parts.push(
      `#page(margin: 0pt, header: none, footer: none, align(center + horizon, image("/images/${book.cover.fileName}", width: 100%, height: 100%, fit: "contain")))`,
    );
  }
  parts.push(`#page(header: none, footer: none, align(center + horizon)[
  #text(size: 24pt, weight: "bold", ${typstString(breakLongWords(book.title, LONG_TITLE_WORD))})
  #v(1.5em)
  #text(size: 14pt, style: "italic", ${typstString(breakLongWords(book.author, LONG_TITLE_WORD))})
  #v(3em)
  #text(size: 10pt, ${typstString(book.date)})
${book.isDemoContent ? `  #v(2em)\n  #box(stroke: 0.8pt + rgb("#b25000"), inset: 6pt, text(fill: rgb("#b25000"), ${typstString(DEMO_NOTICE)}))\n` : ""}])
#page(header: none, footer: none)[
  #outline(title: ${typstString(labels.contents)}, depth: 1, indent: 0pt)
]
#counter(page).update(1)
#set page(numbering: "1")
#let running-head(title) = {
  set text(size: 8.5pt, style: "italic", hyphenate: false)
  if calc.even(counter(page).get().first()) [#counter(page).display() #h(1fr) #book-title] else [#title #h(1fr) #counter(page).display()]
  v(-0.6em)
  line(length: 100%, stroke: 0.4pt + luma(150))
}
#let chapter-pages(opening, title) = (
  header: context if here().page() != locate(opening).page() { running-head(title) },
  footer: context if here().page() == locate(opening).page() { align(center, text(size: 8.5pt, counter(page).display())) },
)
`);
  if (book.opening.length > 0) {
    parts.push("#set page(header: context running-head(book-title))", writer.blocks(book.opening));
  }
  for (const chapter of book.chapters) {
    parts.push(
      `#set page(..chapter-pages(${writer.label(chapter.id)}, ${typstString(breakLongWords(chapter.title))}))`,
      `#heading(level: 1)[${writer.inline(chapter.heading)}]${writer.label(chapter.id)}`,
      writer.blocks(chapter.children),
    );
  }
  return { source: parts.join("\n\n"), images: writer.images() };
}

/** Compiles the book to PDF bytes; throws with Typst's diagnostics if the generated source fails. */
export function renderPdf(book: ParsedBook): Uint8Array {
  const { compiler: typst, fallbackFamilies } = pdfFonts();
  const { source, images } = bookToTypst(book, fallbackFamilies);
  typst.resetShadow();
  for (const image of images) typst.mapShadow(`${WORKSPACE}/images/${image.fileName}`, Buffer.from(image.bytes));
  const [year, month, day] = book.date.split("-").map(Number);
  try {
    // Compile and export in one call: the typeset document then lives only inside it. Through compile(),
    // it would be held by a JavaScript object whose native memory (~1 MB a page) V8 does not see, so
    // a worker that rarely collects garbage grew by that much with every book.
    const pdf = typst.pdf({ mainFileContent: source }, { creationTimestamp: Date.UTC(year!, month! - 1, day!) / 1000 });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } catch {
    // That call reports no diagnostics: compile again (only on this failure path) to explain it.
    throw new Error(`Typst could not typeset the book: ${typstDiagnostics(typst, source)}`);
  } finally {
    typst.resetShadow();
    // Memoized layout is only reused by the same book: keep none, so memory stays flat across books.
    typst.evictCache(0);
  }
}

/** The compiler and its fonts, loaded once per process (the font scan is the slow part). */
function pdfFonts(): PdfFonts {
  if (fonts) return fonts;
  fonts = loadPdfFonts({ workspace: WORKSPACE, extraFontPaths: parseFontPaths(env().PDF_FONT_PATHS) });
  if (fonts.missingScripts.length > 0) console.warn(missingFontsWarning(fonts.missingScripts));
  return fonts;
}

function typstDiagnostics(typst: NodeCompiler, source: string): string {
  const result = typst.compile({ mainFileContent: source });
  const error = result.takeError();
  return JSON.stringify(error ? typst.fetchDiagnostics(error) : []).slice(0, 2000);
}

/** Empties Typst's memoization cache, so a benchmark re-rendering the same book measures a cold render. */
export function clearPdfCache(): void {
  fonts?.compiler.evictCache(0);
}

class TypstWriter {
  private readonly used = new Map<string, BookImage>();
  private readonly labels = new Map<string, string>();
  private readonly notesSeen = new Set<string>();

  constructor(private readonly book: ParsedBook) {}

  includeImage(image: BookImage) {
    this.used.set(image.id, image);
  }

  images(): BookImage[] {
    return [...this.used.values()];
  }

  /** Typst labels are restricted to ASCII-safe names: map each book anchor to `<a1>`, `<a2>`, … */
  label(anchorId: string): string {
    let name = this.labels.get(anchorId);
    if (!name) {
      name = `a${this.labels.size + 1}`;
      this.labels.set(anchorId, name);
    }
    return `<${name}>`;
  }

  blocks(nodes: readonly (RootContent | Nodes)[]): string {
    return nodes.map((node) => this.block(node as Nodes)).join("\n\n");
  }

  private block(node: Nodes): string {
    switch (node.type) {
      case "paragraph": {
        const only = node.children.length === 1 ? node.children[0] : undefined;
        if (only?.type === "image") return `#align(center, ${this.image(only, true)})`;
        return this.inline(node.children);
      }
      case "heading": {
        const id = this.book.headingIds.get(node);
        const level = Math.max(2, Math.min(6, node.depth - 1));
        return `#heading(level: ${level})[${this.inline(node.children)}]${id ? this.label(id) : ""}`;
      }
      case "blockquote":
        return `#quote(block: true)[${this.blocks(node.children)}]`;
      case "list": {
        const tight = !node.spread && node.children.every((item) => !item.spread);
        const items = node.children.map((item) => {
          const box = item.checked == null ? "" : `#task(${item.checked ? "true" : "false"}) `;
          return `[${box}${item.children.map((child) => this.block(child)).join(tight ? "\n" : "\n\n")}]`;
        });
        const start = node.ordered && node.start != null && node.start !== 1 ? `start: ${node.start}, ` : "";
        return `#${node.ordered ? "enum" : "list"}(tight: ${tight}, ${start}${items.join(", ")})`;
      }
      case "code": {
        const lang = node.lang ? `lang: ${typstString(node.lang.replace(/[^\w+-]/g, ""))}, ` : "";
        return `#raw(block: true, ${lang}${typstString(node.value)})`;
      }
      case "thematicBreak":
        return `#align(center, block(above: 1.4em, below: 1.4em, ${typstString("*   *   *")}))`;
      case "table": {
        const columns = Math.max(1, ...node.children.map((row) => row.children.length));
        const align = Array.from({ length: columns }, (_, i) => node.align?.[i] ?? "auto").join(", ");
        const cells = (row: (typeof node.children)[number]) =>
          Array.from({ length: columns }, (_, i) => `[${this.inline(row.children[i]?.children ?? [])}]`).join(", ");
        const [head, ...rows] = node.children;
        const header = head ? `table.header(${cells(head)}), ` : "";
        return `#align(center, table(columns: ${columns}, align: (${align},), ${header}${rows.map(cells).join(", ")}))`;
      }
      case "html":
        return `#${typstString(node.value)}`;
      default:
        return this.phrasing(node);
    }
  }

  inline(nodes: readonly PhrasingContent[] | readonly Nodes[]): string {
    return nodes.map((node) => this.phrasing(node as Nodes)).join("");
  }

  private phrasing(node: Nodes): string {
    switch (node.type) {
      case "text":
        return `#${typstString(breakLongWords(node.value.replace(/\s*\n\s*/g, " ")))}`;
      case "emphasis":
        return `#emph[${this.inline(node.children)}]`;
      case "strong":
        return `#strong[${this.inline(node.children)}]`;
      case "delete":
        return `#strike[${this.inline(node.children)}]`;
      case "inlineCode":
        return `#raw(${typstString(node.value)})`;
      case "break":
        return "#linebreak()";
      case "html":
        return `#${typstString(node.value)}`;
      case "link": {
        const anchor = this.book.resolveAnchor(node.url);
        if (anchor) return `#link(${this.label(anchor.id)})[${this.inline(node.children)}]`;
        if (isExternalUrl(node.url)) return `#link(${typstString(node.url.trim())})[${this.inline(node.children)}]`;
        return this.inline(node.children);
      }
      case "image":
        return `#${this.image(node, false)}`;
      case "footnoteReference": {
        const note = this.book.footnotes.get(node.identifier);
        if (!note) return "";
        if (this.notesSeen.has(note.id)) return `#footnote(<${note.id}>)`;
        this.notesSeen.add(note.id);
        return `#footnote[${this.blocks(note.children)}]<${note.id}>`;
      }
      default:
        if ("children" in node) return this.inline(node.children as Nodes[]);
        return "";
    }
  }

  private image(node: Extract<Nodes, { type: "image" }>, block: boolean): string {
    const image = this.book.images.get(node.url);
    if (!image) return `emph(${typstString(node.alt ?? "")})`;
    this.includeImage(image);
    const natural = Math.round(image.width * 0.75);
    const width = Math.min(block ? TEXT_WIDTH_PT : 120, natural);
    return `box(image(${typstString(`/images/${image.fileName}`)}, width: ${width}pt, alt: ${typstString(node.alt ?? "")}))`;
  }
}

export const pdfExporter: Exporter = {
  format: "PDF",
  contentType: "application/pdf",
  fileExtension: "pdf",
  async render(book) {
    return renderPdf(book);
  },
};
