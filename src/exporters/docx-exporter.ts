// Word document (Office Open XML), written directly as WordprocessingML: real Title/Heading styles with
// outline levels (so Word's navigation pane and the TOC field work), a TOC field pre-filled with the
// chapter titles, each chapter on a new page, running head and page numbers, Word footnotes, tables,
// lists, code and images. Checked by LibreOffice conversion in tests.
//
// Why not the `docx` package (used before): building its object model for a 100,000-word book cost
// several times the XML itself, and this exporter is on the worker's path for every finished book. The
// package parts here are the same ones Word writes for such a document, in the schema's element order.
import { DEMO_NOTICE, bookLabels } from "./book-labels";
import { APP_PROPERTIES, PACKAGE_RELS, SETTINGS, contentTypes, coreProperties, styles } from "./docx-package-parts";
import { DocxWriter } from "./docx-writer";
import {
  MAX_IMAGE_WIDTH_PX,
  NS_W,
  XML_HEAD,
  fieldRuns,
  fitWithin,
  pageLayout,
  paragraph,
  textRun,
  DOCUMENT_NAMESPACES,
} from "./docx-xml";
import type { Exporter } from "./exporter";
import type { ParsedBook } from "./parse-book";
import { type ZipEntry, zipPackage } from "./zip-package";

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

export const docxExporter: Exporter = {
  format: "DOCX",
  contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  fileExtension: "docx",
  async render(book) {
    return renderDocx(book);
  },
};
