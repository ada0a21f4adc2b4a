// Word document (Office Open XML), written directly as WordprocessingML: real Title/Heading styles with
// outline levels (so Word's navigation pane and the TOC field work), a TOC field pre-filled with the
// chapter titles, each chapter on a new page, running head and page numbers, Word footnotes, tables,
// lists, code and images. Checked by LibreOffice conversion in tests.
//
// Why not the `docx` package (used before): building its object model for a 100,000-word book cost
// several times the XML itself, and this exporter is on the worker's path for every finished book. The
// package parts here are the same ones Word writes for such a document, in the schema's element order.
import type { AlignType, Nodes, PhrasingContent, RootContent, Table } from "mdast";
import { DEMO_NOTICE, bookLabels } from "./book-labels";
import type { Exporter } from "./exporter";
import { escapeHtml, isExternalUrl } from "./html-render";
import type { BookImage, ParsedBook } from "./parse-book";
import { type ZipEntry, zipPackage } from "./zip-package";

const MONO = "DejaVu Sans Mono";
const SERIF = "Georgia";
const TEXT_WIDTH_TWIPS = 9026; // A4 minus 1-inch margins
const MAX_IMAGE_WIDTH_PX = 450;
const EMU_PER_PX = 9525;
const LIST_INDENT_TWIPS = 720;

const NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PART = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const DOCUMENT_NAMESPACES =
  `xmlns:w="${NS_W}" xmlns:r="${NS_R}" ` +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  mono?: boolean;
  superScript?: boolean;
  link?: boolean;
}

/** Paragraph properties, written in the schema's order (Word rejects out-of-order elements). */
interface ParagraphProps {
  style?: string;
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  numbering?: { numId: number; level: number };
  spacing?: { before?: number; after?: number };
  indentLeft?: number;
  align?: "left" | "center" | "right" | "both";
}

// The characters that make text need escaping at all (most book text has none of them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters XML forbids must be dropped.
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const xml = (text: string) => (NEEDS_ESCAPE.test(text) ? escapeHtml(text) : text);

function paragraphProps(props: ParagraphProps): string {
  let out = "";
  if (props.style) out += `<w:pStyle w:val="${props.style}"/>`;
  if (props.keepNext) out += "<w:keepNext/>";
  if (props.pageBreakBefore) out += "<w:pageBreakBefore/>";
  if (props.numbering) {
    out += `<w:numPr><w:ilvl w:val="${props.numbering.level}"/><w:numId w:val="${props.numbering.numId}"/></w:numPr>`;
  }
  if (props.spacing) {
    const { before, after } = props.spacing;
    out += `<w:spacing${before !== undefined ? ` w:before="${before}"` : ""}${after !== undefined ? ` w:after="${after}"` : ""}/>`;
  }
  if (props.indentLeft !== undefined) out += `<w:ind w:left="${props.indentLeft}"/>`;
  if (props.align) out += `<w:jc w:val="${props.align}"/>`;
  return out ? `<w:pPr>${out}</w:pPr>` : "";
}

const paragraph = (props: ParagraphProps, content: string) => `<w:p>${paragraphProps(props)}${content}</w:p>`;

const textRun = (text: string, runProps = "") =>
  `<w:r>${runProps ? `<w:rPr>${runProps}</w:rPr>` : ""}<w:t xml:space="preserve">${xml(text)}</w:t></w:r>`;

// rPr children in schema order: rStyle, rFonts, b, i, strike, … sz, …, vertAlign.
function runProps(style: RunStyle): string {
  let out = "";
  if (style.link) out += '<w:rStyle w:val="Hyperlink"/>';
  if (style.mono) out += `<w:rFonts w:ascii="${MONO}" w:hAnsi="${MONO}" w:cs="${MONO}"/>`;
  if (style.bold) out += "<w:b/><w:bCs/>";
  if (style.italics) out += "<w:i/><w:iCs/>";
  if (style.strike) out += "<w:strike/>";
  if (style.superScript) out += '<w:vertAlign w:val="superscript"/>';
  return out;
}

/** A Word field (PAGE, TOC…) with its cached result runs. */
const fieldRuns = (instruction: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${xml(instruction)} </w:instrText></w:r>` +
  `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${result}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

function fitWithin(width: number, height: number, maxWidth: number, maxHeight: number) {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const ALIGN: Record<NonNullable<AlignType>, "left" | "center" | "right"> = {
  left: "left",
  center: "center",
  right: "right",
};

/** Builds the DOCX bytes for a parsed book. */
export async function renderDocx(book: ParsedBook): Promise<Uint8Array> {
  const labels = bookLabels(book.language);
  const writer = new DocxWriter(book);
  const parts: string[] = [];

  if (book.cover && book.cover.kind !== "svg") {
    const { width, height } = fitWithin(book.cover.width, book.cover.height, MAX_IMAGE_WIDTH_PX, 600);
    parts.push(
      paragraph({ align: "center" }, writer.imageRun(book.cover, width, height, labels.cover)),
      paragraph({ pageBreakBefore: true }, ""),
    );
  }
  parts.push(
    paragraph({ style: "Title", spacing: { before: 2400 }, align: "center" }, textRun(book.title)),
    paragraph({ style: "Subtitle", align: "center" }, textRun(book.author)),
    paragraph({ align: "center" }, textRun(book.date)),
  );
  if (book.isDemoContent) {
    parts.push(
      paragraph(
        { spacing: { before: 480 }, align: "center" },
        textRun(DEMO_NOTICE, '<w:b/><w:bCs/><w:color w:val="B25000"/>'),
      ),
    );
  }
  parts.push(paragraph({ style: "ContentsTitle", pageBreakBefore: true }, textRun(labels.contents)));
  parts.push(writer.tableOfContents(labels.contents));
  // The front matter is its own section: no running head or page number there, body pages count from 1.
  parts.push(`<w:p><w:pPr><w:sectPr>${pageLayout("")}</w:sectPr></w:pPr></w:p>`);

  if (book.opening.length > 0) writer.blocks(book.opening, parts);
  book.chapters.forEach((chapter, index) => {
    parts.push(
      paragraph(
        { style: "Heading1", pageBreakBefore: index > 0 || book.opening.length > 0 },
        writer.bookmarked(chapter.id, writer.inline(chapter.heading, {})),
      ),
    );
    writer.blocks(chapter.children, parts);
  });

  const headerRel = writer.documentRelationships.add("header", "header1.xml");
  const footerRel = writer.documentRelationships.add("footer", "footer1.xml");
  const body = `<w:sectPr><w:headerReference w:type="default" r:id="${headerRel}"/><w:footerReference w:type="default" r:id="${footerRel}"/>${pageLayout('<w:pgNumType w:start="1"/>')}</w:sectPr>`;
  const document = `${XML_HEAD}<w:document ${DOCUMENT_NAMESPACES}><w:body>${parts.join("")}${body}</w:body></w:document>`;

  const language = book.language === "fr" ? "fr-FR" : "en-US";
  const entries: ZipEntry[] = [
    { path: "[Content_Types].xml", data: contentTypes(writer.media) },
    { path: "_rels/.rels", data: PACKAGE_RELS },
    { path: "docProps/core.xml", data: coreProperties(book) },
    { path: "docProps/app.xml", data: APP_PROPERTIES },
    { path: "word/document.xml", data: document },
    { path: "word/_rels/document.xml.rels", data: writer.documentRelationships.toXml() },
    { path: "word/_rels/footnotes.xml.rels", data: writer.footnoteRelationships.toXml() },
    { path: "word/styles.xml", data: styles(language) },
    { path: "word/settings.xml", data: SETTINGS },
    { path: "word/numbering.xml", data: writer.numberingXml() },
    { path: "word/footnotes.xml", data: writer.footnotesXml() },
    {
      path: "word/header1.xml",
      data: `${XML_HEAD}<w:hdr xmlns:w="${NS_W}">${paragraph({ align: "center" }, textRun(book.title, '<w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/>'))}</w:hdr>`,
    },
    {
      path: "word/footer1.xml",
      data: `${XML_HEAD}<w:ftr xmlns:w="${NS_W}">${paragraph({ align: "center" }, fieldRuns("PAGE", textRun("1")))}</w:ftr>`,
    },
    ...writer.media.map((image) => ({ path: `word/media/${image.fileName}`, data: image.bytes, store: true })),
  ];
  return zipPackage(entries, new Date(book.modified));
}

// A4 portrait, 1-inch margins: the text width TEXT_WIDTH_TWIPS assumes these.
const pageLayout = (pageNumbering: string) =>
  `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>${pageNumbering}`;

/** The relationships of one package part (document.xml or footnotes.xml), each target added once. */
class Relationships {
  private readonly entries: string[] = [];
  private readonly byTarget = new Map<string, string>();

  add(type: string, target: string, external = false): string {
    const key = `${type} ${target}`;
    let id = this.byTarget.get(key);
    if (!id) {
      id = `rId${this.entries.length + 1}`;
      this.entries.push(
        `<Relationship Id="${id}" Type="${REL}/${type}" Target="${xml(target)}"${external ? ' TargetMode="External"' : ""}/>`,
      );
      this.byTarget.set(key, id);
    }
    return id;
  }

  toXml(): string {
    return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${this.entries.join("")}</Relationships>`;
  }
}

class DocxWriter {
  readonly media: BookImage[] = [];
  readonly documentRelationships = new Relationships();
  readonly footnoteRelationships = new Relationships();
  private readonly mediaIds = new Set<string>();
  private readonly bookmarks = new Map<string, string>();
  private readonly footnotes: string[] = [];
  private readonly notesWritten = new Set<string>();
  /** Ordered lists, each its own numbering instance (so each restarts at its own start). */
  private readonly orderedLists: { level: number; start: number }[] = [];
  private bookmarkCount = 0;
  private drawingCount = 0;
  /** > 0 while writing a footnote's text, where Word allows no footnote reference. */
  private inFootnote = 0;
  /** Notes referenced only from inside another note: written at the end of that note. */
  private nestedNotes: string[] = [];

  constructor(private readonly book: ParsedBook) {
    for (const part of ["styles", "settings", "numbering", "footnotes"]) {
      this.documentRelationships.add(part, `${part}.xml`);
    }
  }

  /** Links and images inside a footnote are relationships of footnotes.xml, not of document.xml. */
  private get relationships(): Relationships {
    return this.inFootnote > 0 ? this.footnoteRelationships : this.documentRelationships;
  }

  /** Word bookmark names allow only letters, digits and "_", at most 40 characters, starting with a letter. */
  private bookmarkName(anchorId: string): string {
    let name = this.bookmarks.get(anchorId);
    if (!name) {
      name = `h${this.bookmarks.size + 1}_${anchorId.replace(/[^A-Za-z0-9]/g, "_")}`.slice(0, 40);
      this.bookmarks.set(anchorId, name);
    }
    return name;
  }

  bookmarked(anchorId: string | undefined, content: string): string {
    if (!anchorId) return content;
    const id = ++this.bookmarkCount;
    return `<w:bookmarkStart w:id="${id}" w:name="${this.bookmarkName(anchorId)}"/>${content}<w:bookmarkEnd w:id="${id}"/>`;
  }

  tableOfContents(title: string): string {
    const entries = this.book.chapters.map((chapter, index) => {
      const link = `<w:hyperlink w:anchor="${this.bookmarkName(chapter.id)}" w:history="1">${textRun(chapter.title)}<w:r><w:tab/></w:r></w:hyperlink>`;
      const isFirst = index === 0;
      const isLast = index === this.book.chapters.length - 1;
      // The TOC field spans the entries: it begins in the first one and ends in the last.
      const begin = isFirst
        ? `<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve">TOC \\h \\o &quot;1-1&quot;</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`
        : "";
      const end = isLast ? '<w:r><w:fldChar w:fldCharType="end"/></w:r>' : "";
      return `<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${TEXT_WIDTH_TWIPS}"/></w:tabs></w:pPr>${begin}${link}${end}</w:p>`;
    });
    const content = entries.length > 0 ? entries.join("") : paragraph({}, fieldRuns('TOC \\h \\o "1-1"', ""));
    return `<w:sdt><w:sdtPr><w:alias w:val="${xml(title)}"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
  }

  imageRun(image: BookImage, widthPx: number, heightPx: number, description: string): string {
    if (!this.mediaIds.has(image.id)) {
      this.mediaIds.add(image.id);
      this.media.push(image);
    }
    const relationship = this.relationships.add("image", `media/${image.fileName}`);
    const id = ++this.drawingCount;
    const cx = widthPx * EMU_PER_PX;
    const cy = heightPx * EMU_PER_PX;
    const alt = xml(description);
    return (
      `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
      `<wp:docPr id="${id}" name="Picture ${id}" descr="${alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="${id}" name="${image.fileName}" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>` +
      `<pic:blipFill><a:blip r:embed="${relationship}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
      `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
    );
  }

  /** Appends the blocks' XML to `out`. `quoted` styles paragraphs as a block quote. */
  blocks(nodes: readonly (RootContent | Nodes)[], out: string[], quoted = false, indent = 0): void {
    for (const node of nodes) this.block(node as Nodes, out, quoted, indent);
  }

  private defaultStyle(quoted: boolean): string | undefined {
    return quoted ? "BlockQuote" : this.inFootnote > 0 ? "FootnoteText" : undefined;
  }

  private block(node: Nodes, out: string[], quoted: boolean, indent: number): void {
    const style = this.defaultStyle(quoted);
    const indentLeft = indent > 0 ? indent : undefined;
    switch (node.type) {
      case "paragraph":
        out.push(paragraph({ style, indentLeft }, this.inline(node.children, {})));
        return;
      case "heading": {
        const level = Math.min(5, Math.max(1, node.depth - 1));
        const id = this.book.headingIds.get(node);
        out.push(paragraph({ style: `Heading${level}` }, this.bookmarked(id, this.inline(node.children, {}))));
        return;
      }
      case "blockquote":
        this.blocks(node.children, out, true, indent);
        return;
      case "list":
        this.list(node, 0, out, quoted, indent);
        return;
      case "code": {
        const lines = node.value.split("\n");
        const runs = lines.map((line, i) => `${i > 0 ? "<w:r><w:br/></w:r>" : ""}${line ? textRun(line) : ""}`);
        out.push(paragraph({ style: "SourceCode", indentLeft }, runs.join("")));
        return;
      }
      case "thematicBreak":
        out.push(paragraph({ spacing: { before: 240, after: 240 }, align: "center" }, textRun("*   *   *")));
        return;
      case "table":
        out.push(this.table(node), paragraph({ style }, ""));
        return;
      case "html":
        out.push(paragraph({ style, indentLeft }, textRun(node.value)));
        return;
      default:
        out.push(paragraph({ style, indentLeft }, this.phrasing(node, {})));
    }
  }

  private list(
    node: Extract<Nodes, { type: "list" }>,
    level: number,
    out: string[],
    quoted: boolean,
    indent: number,
  ): void {
    const numId = node.ordered ? this.orderedNumbering(level, node.start ?? 1) : BULLET_NUM_ID;
    const itemIndent = LIST_INDENT_TWIPS * (level + 1);
    const style = quoted ? "BlockQuote" : this.inFootnote > 0 ? "FootnoteText" : "ListParagraph";
    for (const item of node.children) {
      let first = true;
      for (const child of item.children) {
        if (child.type === "list") {
          this.list(child, Math.min(8, level + 1), out, quoted, indent);
        } else if (first && child.type === "paragraph") {
          const box = item.checked === true ? "☒ " : item.checked === false ? "☐ " : "";
          out.push(
            paragraph(
              { style, numbering: { numId, level } },
              `${box ? textRun(box) : ""}${this.inline(child.children, {})}`,
            ),
          );
        } else {
          // Later paragraphs of an item line up with its text, under the bullet or number.
          this.block(child, out, quoted, indent + itemIndent);
        }
        first = false;
      }
    }
  }

  private orderedNumbering(level: number, start: number): number {
    this.orderedLists.push({ level, start });
    return BULLET_NUM_ID + this.orderedLists.length;
  }

  numberingXml(): string {
    const levels = (format: "bullet" | "decimal") =>
      Array.from({ length: 9 }, (_, level) => {
        const text = format === "bullet" ? BULLETS[level % BULLETS.length]! : `%${level + 1}.`;
        return `<w:lvl w:ilvl="${level}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${LIST_INDENT_TWIPS * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
      }).join("");
    const ordered = this.orderedLists.map(
      ({ level, start }, index) =>
        `<w:num w:numId="${BULLET_NUM_ID + index + 1}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${start}"/></w:lvlOverride></w:num>`,
    );
    return (
      `${XML_HEAD}<w:numbering xmlns:w="${NS_W}">` +
      `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>${levels("bullet")}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>${levels("decimal")}</w:abstractNum>` +
      `<w:num w:numId="${BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>${ordered.join("")}</w:numbering>`
    );
  }

  private table(node: Table): string {
    const columns = Math.max(1, ...node.children.map((row) => row.children.length));
    const width = Math.floor(TEXT_WIDTH_TWIPS / columns);
    const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
    const borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("");
    const rows = node.children.map((row, rowIndex) => {
      const header = rowIndex === 0;
      const cells = Array.from({ length: columns }, (_, i) => {
        const cell = row.children[i];
        const align = node.align?.[i];
        const shading = header ? '<w:shd w:val="clear" w:color="auto" w:fill="F5F5F7"/>' : "";
        const content = cell ? this.inline(cell.children, header ? { bold: true } : {}) : "";
        return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shading}</w:tcPr>${paragraph({ spacing: { after: 0 }, align: align ? ALIGN[align] : undefined }, content)}</w:tc>`;
      });
      return `<w:tr>${header ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}${cells.join("")}</w:tr>`;
    });
    const grid = `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`;
    return `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH_TWIPS}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>${grid}${rows.join("")}</w:tbl>`;
  }

  inline(nodes: readonly PhrasingContent[] | readonly Nodes[], style: RunStyle): string {
    let out = "";
    for (const node of nodes) out += this.phrasing(node as Nodes, style);
    return out;
  }

  private run(text: string, style: RunStyle): string {
    return textRun(text.replace(/\s*\n\s*/g, " "), runProps(style));
  }

  private phrasing(node: Nodes, style: RunStyle): string {
    switch (node.type) {
      case "text":
        return this.run(node.value, style);
      case "emphasis":
        return this.inline(node.children, { ...style, italics: true });
      case "strong":
        return this.inline(node.children, { ...style, bold: true });
      case "delete":
        return this.inline(node.children, { ...style, strike: true });
      case "inlineCode":
        return this.run(node.value, { ...style, mono: true });
      case "break":
        return "<w:r><w:br/></w:r>";
      case "html":
        return this.run(node.value, style);
      case "link": {
        const anchor = this.book.resolveAnchor(node.url);
        if (anchor) {
          const runs = this.inline(node.children, { ...style, link: true });
          return `<w:hyperlink w:anchor="${this.bookmarkName(anchor.id)}" w:history="1">${runs}</w:hyperlink>`;
        }
        if (isExternalUrl(node.url)) {
          const relationship = this.relationships.add("hyperlink", node.url.trim(), true);
          const runs = this.inline(node.children, { ...style, link: true });
          return `<w:hyperlink r:id="${relationship}" w:history="1">${runs}</w:hyperlink>`;
        }
        return this.inline(node.children, style);
      }
      case "image": {
        const image = this.book.images.get(node.url);
        if (!image || image.kind === "svg") return this.run(node.alt ?? "", { ...style, italics: true });
        const size = fitWithin(image.width, image.height, MAX_IMAGE_WIDTH_PX, 600);
        return this.imageRun(image, size.width, size.height, node.alt ?? "");
      }
      case "footnoteReference":
        return this.footnoteReference(node.identifier, style);
      default:
        if ("children" in node) return this.inline(node.children as Nodes[], style);
        return "";
    }
  }

  // Word numbers footnotes by order of reference, which is how the book numbers them. A note referenced
  // again, or from inside another note (Word allows neither), shows its number as plain superscript.
  private footnoteReference(identifier: string, style: RunStyle): string {
    const note = this.book.footnotes.get(identifier);
    if (!note) return "";
    const number = String(note.number);
    if (this.notesWritten.has(identifier) || this.inFootnote > 0) {
      if (this.inFootnote > 0 && !this.notesWritten.has(identifier)) this.nestedNotes.push(identifier);
      return this.run(number, { ...style, superScript: true });
    }
    this.notesWritten.add(identifier);
    this.footnotes.push(`<w:footnote w:id="${note.number}">${this.footnoteBody(identifier, true)}</w:footnote>`);
    return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${note.number}"/></w:r>`;
  }

  /** A note's paragraphs, the first opening with Word's note mark; notes it references follow it. */
  private footnoteBody(identifier: string, withMark: boolean): string {
    const note = this.book.footnotes.get(identifier)!;
    this.inFootnote++;
    const blocks: string[] = [];
    this.blocks(note.children, blocks);
    this.inFootnote--;
    const mark = withMark
      ? '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
      : textRun(`${note.number} `, '<w:vertAlign w:val="superscript"/>');
    let body = blocks.join("");
    if (body.startsWith("<w:p>")) {
      // Insert the mark after the first paragraph's properties, before its first run.
      const afterProps = body.startsWith("<w:p><w:pPr>") ? body.indexOf("</w:pPr>") + "</w:pPr>".length : 5;
      body = `${body.slice(0, afterProps)}${mark}${body.slice(afterProps)}`;
    } else {
      body = paragraph({ style: "FootnoteText" }, mark) + body;
    }
    if (this.inFootnote === 0) {
      while (this.nestedNotes.length > 0) {
        const nested = this.nestedNotes.shift()!;
        if (this.notesWritten.has(nested)) continue;
        this.notesWritten.add(nested);
        body += this.footnoteBody(nested, false);
      }
    }
    return body;
  }

  footnotesXml(): string {
    const separator = (type: string, id: number, element: string) =>
      `<w:footnote w:type="${type}" w:id="${id}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r>${element}</w:r></w:p></w:footnote>`;
    return (
      `${XML_HEAD}<w:footnotes ${DOCUMENT_NAMESPACES}>` +
      `${separator("separator", -1, "<w:separator/>")}${separator("continuationSeparator", 0, "<w:continuationSeparator/>")}` +
      `${this.footnotes.join("")}</w:footnotes>`
    );
  }
}

const BULLET_NUM_ID = 1;
const BULLETS = ["•", "◦", "▪"];

function contentTypes(media: readonly BookImage[]): string {
  const extensions = new Map(media.map((image) => [image.extension, image.contentType]));
  const defaults = [...extensions].map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`);
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    `<Default Extension="xml" ContentType="application/xml"/>${defaults.join("")}` +
    override("/word/document.xml", `${PART}.document.main+xml`) +
    override("/word/styles.xml", `${PART}.styles+xml`) +
    override("/word/settings.xml", `${PART}.settings+xml`) +
    override("/word/numbering.xml", `${PART}.numbering+xml`) +
    override("/word/footnotes.xml", `${PART}.footnotes+xml`) +
    override("/word/header1.xml", `${PART}.header+xml`) +
    override("/word/footer1.xml", `${PART}.footer+xml`) +
    override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
    override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") +
    "</Types>"
  );
}

const PACKAGE_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const APP_PROPERTIES = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Scriptorium</Application></Properties>`;

// Fields (the TOC, page numbers) are refreshed when the file is opened; hyphenation follows each
// run's language. footnotePr names the separator notes, as Word does.
const SETTINGS =
  `${XML_HEAD}<w:settings xmlns:w="${NS_W}"><w:defaultTabStop w:val="720"/><w:autoHyphenation/>` +
  '<w:updateFields w:val="true"/><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

function styles(language: string): string {
  const fonts = (font: string) => `<w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>`;
  const size = (halfPoints: number) => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;
  const paragraphStyle = (id: string, name: string, pPr: string, rPr: string, extra = "") =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>${extra}<w:qFormat/>` +
    `${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}</w:style>`;
  const heading = (level: number, spacing: string, rPr: string) =>
    paragraphStyle(
      `Heading${level}`,
      `heading ${level}`,
      `<w:keepNext/><w:keepLines/>${spacing}<w:outlineLvl w:val="${level - 1}"/>`,
      `${fonts(SERIF)}${rPr}`,
    );
  return (
    `${XML_HEAD}<w:styles xmlns:w="${NS_W}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts(SERIF)}${size(23)}<w:lang w:val="${language}"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    paragraphStyle("Title", "Title", '<w:spacing w:after="480"/>', `${fonts(SERIF)}<w:b/><w:bCs/>${size(56)}`) +
    paragraphStyle("Subtitle", "Subtitle", '<w:spacing w:after="480"/>', `<w:i/><w:iCs/>${size(32)}`) +
    heading(1, '<w:spacing w:before="1440" w:after="480"/>', `<w:b/><w:bCs/><w:color w:val="1D1D1F"/>${size(36)}`) +
    heading(2, '<w:spacing w:before="360" w:after="120"/>', `<w:b/><w:bCs/>${size(28)}`) +
    heading(3, '<w:spacing w:before="240"/>', `<w:b/><w:bCs/><w:i/><w:iCs/>${size(25)}`) +
    heading(4, '<w:spacing w:before="200"/>', `<w:b/><w:bCs/>${size(23)}`) +
    heading(5, '<w:spacing w:before="200"/>', `<w:i/><w:iCs/>${size(23)}`) +
    paragraphStyle(
      "ContentsTitle",
      "Contents Title",
      '<w:spacing w:before="720" w:after="360"/>',
      `<w:b/><w:bCs/>${size(36)}`,
    ) +
    paragraphStyle("TOC1", "toc 1", '<w:spacing w:after="100"/>', "", '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>') +
    paragraphStyle(
      "BlockQuote",
      "Block Quote",
      '<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="C7C7CC"/></w:pBdr><w:ind w:left="720" w:right="720"/>',
      "<w:i/><w:iCs/>",
    ) +
    paragraphStyle(
      "SourceCode",
      "Source Code",
      '<w:shd w:val="clear" w:color="auto" w:fill="F5F5F7"/><w:spacing w:before="120" w:after="120"/>',
      `${fonts(MONO)}${size(18)}`,
    ) +
    paragraphStyle("ListParagraph", "List Paragraph", '<w:spacing w:after="60"/>', "") +
    paragraphStyle(
      "FootnoteText",
      "footnote text",
      '<w:spacing w:after="0"/>',
      size(18),
      '<w:uiPriority w:val="99"/>',
    ) +
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>' +
    '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>' +
    "</w:styles>"
  );
}

// Core properties carry the book's own dates, identifier and language (never the render time).
function coreProperties(book: ParsedBook): string {
  const description = [book.isDemoContent ? DEMO_NOTICE : "", book.description ?? ""].filter(Boolean).join(" — ");
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeHtml(book.title)}</dc:title><dc:creator>${escapeHtml(book.author)}</dc:creator><dc:description>${escapeHtml(description)}</dc:description><dc:identifier>${escapeHtml(book.identifier)}</dc:identifier><dc:language>${book.language}</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${book.date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${book.modified}</dcterms:modified></cp:coreProperties>`;
}

export const docxExporter: Exporter = {
  format: "DOCX",
  contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  fileExtension: "docx",
  async render(book) {
    return renderDocx(book);
  },
};
