// Word document built with the `docx` package: real Title/Heading styles (so Word's navigation pane and
// TOC field work), a TOC field pre-filled with the chapter titles, each chapter on a new page, running
// head and page numbers, Word footnotes, tables, lists, code. Checked by LibreOffice conversion in tests.
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  type INumberingOptions,
  type IRunOptions,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { AlignType, Nodes, PhrasingContent, RootContent } from "mdast";
import { DEMO_NOTICE, bookLabels } from "./book-labels";
import type { Exporter } from "./exporter";
import { escapeHtml, isExternalUrl } from "./html-render";
import type { ParsedBook } from "./parse-book";
import { type ZipEntry, zipPackage } from "./zip-package";

type Block = Paragraph | Table | TableOfContents;
type Style = Pick<IRunOptions, "bold" | "italics" | "strike" | "font" | "superScript"> & { link?: boolean };

const MONO = "DejaVu Sans Mono";
const SERIF = "Georgia";
const TEXT_WIDTH_TWIPS = 9026; // A4 minus the default 1-inch margins
const MAX_IMAGE_WIDTH_PX = 450;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
] as const;

/** Builds the DOCX bytes for a parsed book. */
export async function renderDocx(book: ParsedBook): Promise<Uint8Array> {
  const labels = bookLabels(book.language);
  const writer = new DocxWriter(book);
  const frontMatter: Block[] = [];
  if (book.cover) {
    const { width, height } = fitWithin(book.cover.width, book.cover.height, MAX_IMAGE_WIDTH_PX, 600);
    if (book.cover.kind !== "svg") {
      frontMatter.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: book.cover.kind === "jpeg" ? "jpg" : book.cover.kind,
              data: book.cover.bytes,
              transformation: { width, height },
              altText: { name: labels.cover, description: labels.cover, title: labels.cover },
            }),
          ],
        }),
        new Paragraph({ pageBreakBefore: true, children: [] }),
      );
    }
  }
  frontMatter.push(
    new Paragraph({ style: "Title", alignment: AlignmentType.CENTER, spacing: { before: 2400 }, text: book.title }),
    new Paragraph({ style: "Subtitle", alignment: AlignmentType.CENTER, text: book.author }),
    new Paragraph({ alignment: AlignmentType.CENTER, text: book.date }),
  );
  if (book.isDemoContent) {
    frontMatter.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 480 },
        children: [new TextRun({ text: DEMO_NOTICE, bold: true, color: "B25000" })],
      }),
    );
  }
  frontMatter.push(
    new Paragraph({ style: "ContentsTitle", pageBreakBefore: true, text: labels.contents }),
    new TableOfContents(labels.contents, {
      hyperlink: true,
      headingStyleRange: "1-1",
      cachedEntries: book.chapters.map((chapter) => ({ title: chapter.title, level: 1 })),
    }),
  );

  const body: Block[] = [];
  if (book.opening.length > 0) body.push(...writer.blocks(book.opening, 0));
  book.chapters.forEach((chapter, index) => {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: index > 0 || book.opening.length > 0,
        children: [new Bookmark({ id: writer.bookmark(chapter.id), children: writer.inline(chapter.heading) })],
      }),
      ...writer.blocks(chapter.children, 0),
    );
  });

  const language = book.language === "fr" ? "fr-FR" : "en-US";
  const doc = new Document({
    title: book.title,
    creator: book.author,
    description: [book.isDemoContent ? DEMO_NOTICE : "", book.description ?? ""].filter(Boolean).join(" — "),
    features: { updateFields: true },
    hyphenation: { autoHyphenation: true },
    numbering: writer.numbering(),
    footnotes: writer.footnotes,
    styles: {
      default: {
        document: {
          run: { font: SERIF, size: 23, language: { value: language } },
          paragraph: { spacing: { after: 120 } },
        },
        heading1: {
          run: { font: SERIF, size: 36, bold: true, color: "1D1D1F" },
          paragraph: { spacing: { before: 1440, after: 480 }, keepNext: true },
        },
        heading2: {
          run: { font: SERIF, size: 28, bold: true },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading3: {
          run: { font: SERIF, size: 25, bold: true, italics: true },
          paragraph: { spacing: { before: 240 }, keepNext: true },
        },
        title: { run: { font: SERIF, size: 56, bold: true }, paragraph: { spacing: { after: 480 } } },
      },
      paragraphStyles: [
        {
          id: "Subtitle",
          name: "Subtitle",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { size: 32, italics: true },
          paragraph: { spacing: { after: 480 } },
        },
        {
          id: "ContentsTitle",
          name: "Contents Title",
          basedOn: "Normal",
          next: "Normal",
          run: { size: 36, bold: true },
          paragraph: { spacing: { before: 720, after: 360 } },
        },
        {
          id: "BlockQuote",
          name: "Block Quote",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { italics: true },
          paragraph: {
            indent: { left: 720, right: 720 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: "C7C7CC", space: 8 } },
          },
        },
        {
          id: "SourceCode",
          name: "Source Code",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { font: MONO, size: 18 },
          paragraph: {
            spacing: { before: 120, after: 120 },
            shading: { type: ShadingType.CLEAR, fill: "F5F5F7", color: "auto" },
          },
        },
        {
          id: "FootnoteText",
          name: "footnote text",
          basedOn: "Normal",
          run: { size: 18 },
          paragraph: { spacing: { after: 0 } },
        },
      ],
    },
    sections: [
      { properties: { titlePage: true }, children: frontMatter },
      {
        properties: { page: { pageNumbers: { start: 1 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: book.title, italics: true, size: 18 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  const overrides = [{ path: "docProps/core.xml", data: coreProperties(book) }];
  return packDocx(doc, overrides, new Date(book.modified));
}

type PackageFile = string | Uint8Array | ArrayBuffer;
type Override = { path: string; data: string };
type DocxCompiler = { compile(file: Document, prettify: undefined, overrides: readonly Override[]): unknown };

// docx's Packer zips with a pure-JavaScript deflate; its compiler (which turns the document into the
// package's files) is the same one Packer uses, so the files are zipped here with native zlib instead.
// The compiler is not public API: when a docx upgrade moves it, Packer is used as before.
async function packDocx(doc: Document, overrides: readonly Override[], modified: Date): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  if (typeof compiler?.compile !== "function") {
    return new Uint8Array(await Packer.toBuffer(doc, false, [...overrides]));
  }
  const files = compiler.compile(doc, undefined, overrides) as Map<string, PackageFile>;
  const entries: ZipEntry[] = [...files].map(([path, data]) => ({
    path,
    data: typeof data === "string" || data instanceof Uint8Array ? data : new Uint8Array(data),
  }));
  return zipPackage(entries, modified);
}

// docx writes the render time into core.xml; the book's own dates and language are the truthful metadata.
function coreProperties(book: ParsedBook): string {
  const description = [book.isDemoContent ? DEMO_NOTICE : "", book.description ?? ""].filter(Boolean).join(" — ");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeHtml(book.title)}</dc:title><dc:creator>${escapeHtml(book.author)}</dc:creator><dc:description>${escapeHtml(description)}</dc:description><dc:identifier>${escapeHtml(book.identifier)}</dc:identifier><dc:language>${book.language}</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${book.date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${book.modified}</dcterms:modified></cp:coreProperties>`;
}

function fitWithin(width: number, height: number, maxWidth: number, maxHeight: number) {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const ALIGN: Record<NonNullable<AlignType>, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

class DocxWriter {
  readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  private readonly bookmarks = new Map<string, string>();
  private readonly orderedStarts = new Set<number>([1]);
  private listInstance = 0;

  constructor(private readonly book: ParsedBook) {}

  /** Word bookmark names allow only letters, digits and "_" and at most 40 characters. */
  bookmark(anchorId: string): string {
    let name = this.bookmarks.get(anchorId);
    if (!name) {
      name = `h${this.bookmarks.size + 1}_${anchorId.replace(/[^A-Za-z0-9]/g, "_")}`.slice(0, 40);
      this.bookmarks.set(anchorId, name);
    }
    return name;
  }

  numbering(): INumberingOptions {
    return {
      config: [...this.orderedStarts].map((start) => ({
        reference: `ordered-${start}`,
        levels: Array.from({ length: 9 }, (_, level) => ({
          level,
          format: LevelFormat.DECIMAL,
          text: `%${level + 1}.`,
          start: level === 0 ? start : 1,
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        })),
      })),
    };
  }

  blocks(nodes: readonly (RootContent | Nodes)[], quoteDepth: number): Block[] {
    return nodes.flatMap((node) => this.block(node as Nodes, quoteDepth));
  }

  private block(node: Nodes, quoteDepth: number): Block[] {
    const style = quoteDepth > 0 ? "BlockQuote" : undefined;
    switch (node.type) {
      case "paragraph":
        return [new Paragraph({ style, children: this.inline(node.children) })];
      case "heading": {
        const id = this.book.headingIds.get(node);
        const level = HEADINGS[Math.min(HEADINGS.length - 1, Math.max(0, node.depth - 2))]!;
        const runs = this.inline(node.children);
        return [
          new Paragraph({
            heading: level,
            children: id ? [new Bookmark({ id: this.bookmark(id), children: runs })] : runs,
          }),
        ];
      }
      case "blockquote":
        return this.blocks(node.children, quoteDepth + 1);
      case "list":
        return this.list(node, 0, quoteDepth);
      case "code": {
        const lines = node.value.split("\n");
        return [
          new Paragraph({
            style: "SourceCode",
            children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
          }),
        ];
      }
      case "thematicBreak":
        return [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 }, text: "*   *   *" }),
        ];
      case "table":
        return [this.table(node), new Paragraph({ children: [] })];
      case "html":
        return [new Paragraph({ style, children: [new TextRun(node.value)] })];
      default:
        return [new Paragraph({ style, children: this.phrasing(node, {}) })];
    }
  }

  private list(node: Extract<Nodes, { type: "list" }>, level: number, quoteDepth: number): Block[] {
    const start = node.start ?? 1;
    if (node.ordered) this.orderedStarts.add(start);
    const instance = ++this.listInstance;
    const out: Block[] = [];
    for (const item of node.children) {
      let first = true;
      for (const child of item.children) {
        if (child.type === "list") {
          out.push(...this.list(child, Math.min(8, level + 1), quoteDepth));
          continue;
        }
        if (first && child.type === "paragraph") {
          const box = item.checked === true ? "☒ " : item.checked === false ? "☐ " : "";
          out.push(
            new Paragraph({
              style: quoteDepth > 0 ? "BlockQuote" : undefined,
              ...(node.ordered
                ? { numbering: { reference: `ordered-${start}`, level, instance } }
                : { bullet: { level } }),
              children: [...(box ? [new TextRun(box)] : []), ...this.inline(child.children)],
            }),
          );
        } else {
          for (const block of this.block(child, quoteDepth)) out.push(block);
        }
        first = false;
      }
    }
    return out;
  }

  private table(node: Extract<Nodes, { type: "table" }>): Table {
    const columns = Math.max(1, ...node.children.map((row) => row.children.length));
    const width = Math.floor(TEXT_WIDTH_TWIPS / columns);
    return new Table({
      width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => width),
      rows: node.children.map(
        (row, rowIndex) =>
          new TableRow({
            tableHeader: rowIndex === 0,
            children: Array.from({ length: columns }, (_, i) => {
              const cell = row.children[i];
              const align = node.align?.[i];
              return new TableCell({
                width: { size: width, type: WidthType.DXA },
                shading: rowIndex === 0 ? { type: ShadingType.CLEAR, fill: "F5F5F7", color: "auto" } : undefined,
                children: [
                  new Paragraph({
                    alignment: align ? ALIGN[align] : undefined,
                    children: cell ? this.inline(cell.children, rowIndex === 0 ? { bold: true } : {}) : [],
                  }),
                ],
              });
            }),
          }),
      ),
    });
  }

  inline(nodes: readonly PhrasingContent[] | readonly Nodes[], style: Style = {}): ParagraphChild[] {
    return nodes.flatMap((node) => this.phrasing(node as Nodes, style));
  }

  private run(text: string, style: Style): TextRun {
    const { link, ...format } = style;
    return new TextRun({ text: text.replace(/\s*\n\s*/g, " "), ...format, ...(link ? { style: "Hyperlink" } : {}) });
  }

  private phrasing(node: Nodes, style: Style): ParagraphChild[] {
    switch (node.type) {
      case "text":
        return [this.run(node.value, style)];
      case "emphasis":
        return this.inline(node.children, { ...style, italics: true });
      case "strong":
        return this.inline(node.children, { ...style, bold: true });
      case "delete":
        return this.inline(node.children, { ...style, strike: true });
      case "inlineCode":
        return [this.run(node.value, { ...style, font: MONO })];
      case "break":
        return [new TextRun({ text: "", break: 1 })];
      case "html":
        return [this.run(node.value, style)];
      case "link": {
        const anchor = this.book.resolveAnchor(node.url);
        if (anchor) {
          return [
            new InternalHyperlink({
              anchor: this.bookmark(anchor.id),
              children: this.inline(node.children, { ...style, link: true }) as TextRun[],
            }),
          ];
        }
        if (isExternalUrl(node.url)) {
          return [
            new ExternalHyperlink({
              link: node.url.trim(),
              children: this.inline(node.children, { ...style, link: true }),
            }),
          ];
        }
        return this.inline(node.children, style);
      }
      case "image": {
        const image = this.book.images.get(node.url);
        if (!image || image.kind === "svg") return [this.run(node.alt ?? "", { ...style, italics: true })];
        const size = fitWithin(image.width, image.height, MAX_IMAGE_WIDTH_PX, 600);
        return [
          new ImageRun({
            type: image.kind === "jpeg" ? "jpg" : image.kind,
            data: image.bytes,
            transformation: size,
            altText: { name: image.id, description: node.alt ?? "", title: node.title ?? node.alt ?? "" },
          }),
        ];
      }
      case "footnoteReference": {
        const note = this.book.footnotes.get(node.identifier);
        if (!note) return [];
        const key = String(note.number);
        // Word numbers footnotes by order of reference, which is how the book numbers them; a note
        // referenced again (not possible in Word) repeats its number as plain superscript.
        if (this.footnotes[key]) return [this.run(key, { ...style, superScript: true })];
        this.footnotes[key] = { children: [] };
        const paragraphs = this.blocks(note.children, 0).filter((b): b is Paragraph => b instanceof Paragraph);
        this.footnotes[key] = { children: paragraphs.length > 0 ? paragraphs : [new Paragraph({ children: [] })] };
        return [new FootnoteReferenceRun(note.number)];
      }
      default:
        if ("children" in node) return this.inline(node.children as Nodes[], style);
        return [];
    }
  }
}

export const docxExporter: Exporter = {
  format: "DOCX",
  contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  fileExtension: "docx",
  async render(book) {
    return renderDocx(book);
  },
};
