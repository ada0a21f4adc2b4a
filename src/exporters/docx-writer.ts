// Turns a parsed book's Markdown tree into WordprocessingML: blocks, lists and their numbering, tables,
// inline runs, links and bookmarks, images (collected as media parts) and Word footnotes.
import type { AlignType, Nodes, PhrasingContent, RootContent, Table } from "mdast";
import {
  DOCUMENT_NAMESPACES,
  EMU_PER_PX,
  LIST_INDENT_TWIPS,
  MAX_IMAGE_WIDTH_PX,
  NS_W,
  type RunStyle,
  Relationships,
  TEXT_WIDTH_TWIPS,
  XML_HEAD,
  fieldRuns,
  fitWithin,
  paragraph,
  runProps,
  textRun,
  xml,
} from "./docx-xml";
import { isExternalUrl } from "./html-render";
import type { BookImage, ParsedBook } from "./parse-book";

const ALIGN: Record<NonNullable<AlignType>, "left" | "center" | "right"> = {
  left: "left",
  center: "center",
  right: "right",
};

export class DocxWriter {
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
