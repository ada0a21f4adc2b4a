// The fixed and per-book package parts of a DOCX around document.xml: content types, package
// relationships, document properties, settings and styles.
import { DEMO_NOTICE } from "./book-labels";
import { MONO, NS_W, PART, REL, SERIF, XML_HEAD } from "./docx-xml";
import { escapeHtml } from "./html-render";
import type { BookImage, ParsedBook } from "./parse-book";

export function contentTypes(media: readonly BookImage[]): string {
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

export const PACKAGE_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

export const APP_PROPERTIES = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Scriptorium</Application></Properties>`;

// Fields (the TOC, page numbers) are refreshed when the file is opened; hyphenation follows each
// run's language. footnotePr names the separator notes, as Word does.
export const SETTINGS =
  `${XML_HEAD}<w:settings xmlns:w="${NS_W}"><w:defaultTabStop w:val="720"/><w:autoHyphenation/>` +
  '<w:updateFields w:val="true"/><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

export function styles(language: string): string {
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
export function coreProperties(book: ParsedBook): string {
  const description = [book.isDemoContent ? DEMO_NOTICE : "", book.description ?? ""].filter(Boolean).join(" — ");
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeHtml(book.title)}</dc:title><dc:creator>${escapeHtml(book.author)}</dc:creator><dc:description>${escapeHtml(description)}</dc:description><dc:identifier>${escapeHtml(book.identifier)}</dc:identifier><dc:language>${book.language}</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${book.date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${book.modified}</dcterms:modified></cp:coreProperties>`;
}
