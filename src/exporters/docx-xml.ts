// WordprocessingML building blocks shared by the DOCX writer and its package parts: namespaces, page
// geometry, escaping, paragraphs and runs (properties in the schema's element order), fields, and the
// relationships of one package part.
import { escapeHtml } from "./html-render";

export const MONO = "DejaVu Sans Mono";
export const SERIF = "Georgia";
export const TEXT_WIDTH_TWIPS = 9026; // A4 minus 1-inch margins
export const MAX_IMAGE_WIDTH_PX = 450;
export const EMU_PER_PX = 9525;
export const LIST_INDENT_TWIPS = 720;

export const NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PART = "application/vnd.openxmlformats-officedocument.wordprocessingml";
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const DOCUMENT_NAMESPACES =
  `xmlns:w="${NS_W}" xmlns:r="${NS_R}" ` +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  mono?: boolean;
  superScript?: boolean;
  link?: boolean;
}

/** Paragraph properties, written in the schema's order (Word rejects out-of-order elements). */
export interface ParagraphProps {
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
export const xml = (text: string) => (NEEDS_ESCAPE.test(text) ? escapeHtml(text) : text);

export function paragraphProps(props: ParagraphProps): string {
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

export const paragraph = (props: ParagraphProps, content: string) => `<w:p>${paragraphProps(props)}${content}</w:p>`;

export const textRun = (text: string, runProps = "") =>
  `<w:r>${runProps ? `<w:rPr>${runProps}</w:rPr>` : ""}<w:t xml:space="preserve">${xml(text)}</w:t></w:r>`;

// rPr children in schema order: rStyle, rFonts, b, i, strike, … sz, …, vertAlign.
export function runProps(style: RunStyle): string {
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
export const fieldRuns = (instruction: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${xml(instruction)} </w:instrText></w:r>` +
  `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${result}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

export function fitWithin(width: number, height: number, maxWidth: number, maxHeight: number) {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

// A4 portrait, 1-inch margins: the text width TEXT_WIDTH_TWIPS assumes these.
export const pageLayout = (pageNumbering: string) =>
  `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>${pageNumbering}`;

/** The relationships of one package part (document.xml or footnotes.xml), each target added once. */
export class Relationships {
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
