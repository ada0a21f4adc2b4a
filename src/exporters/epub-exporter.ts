// EPUB 3 package: mimetype first and stored, container.xml, package.opf, nav.xhtml, a title page, one
// XHTML file per chapter with its notes as asides, one stylesheet, images and an optional cover.
// Checked with epubcheck (0 errors, 0 warnings) in epub-exporter.test.ts.
import { BOOK_CSS, HtmlRenderer, escapeHtml } from "./html-render";
import { DEMO_NOTICE, bookLabels } from "./book-labels";
import type { Exporter } from "./exporter";
import type { BookAnchor, BookImage, ParsedBook } from "./parse-book";
import { type ZipEntry, zipPackage } from "./zip-package";

const XHTML = "application/xhtml+xml";

interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
  inSpine?: boolean;
}

/** Builds the EPUB 3 archive bytes for a parsed book. */
export function renderEpub(book: ParsedBook): Uint8Array {
  const labels = bookLabels(book.language);
  const files = new Map<string, string | Uint8Array>();
  const manifest: ManifestItem[] = [];
  const usedImages = new Map<string, BookImage>();
  const chapterFile = (index: number) => (index < 0 ? "opening.xhtml" : `chapter-${index + 1}.xhtml`);
  const renderer = () =>
    new HtmlRenderer({
      book,
      epub: true,
      headingOffset: -1,
      imageSrc: (image) => {
        usedImages.set(image.id, image);
        return `images/${image.fileName}`;
      },
      anchorHref: (anchor: BookAnchor) => `${chapterFile(anchor.chapter)}#${anchor.id}`,
      allowRemoteImages: false,
    });
  const addPage = (item: ManifestItem, title: string, body: string, bodyType?: string) => {
    files.set(`OEBPS/${item.href}`, xhtmlDocument(book, title, body, bodyType));
    manifest.push(item);
  };

  if (book.cover) {
    usedImages.set(book.cover.id, book.cover);
    addPage(
      { id: "cover", href: "cover.xhtml", mediaType: XHTML, inSpine: true },
      labels.cover,
      `<section epub:type="cover" class="cover"><img src="images/${book.cover.fileName}" alt="${escapeHtml(labels.cover)}"/></section>`,
    );
  }
  const demo = book.isDemoContent ? `<p class="demo-notice">${escapeHtml(DEMO_NOTICE)}</p>` : "";
  addPage(
    { id: "title-page", href: "title-page.xhtml", mediaType: XHTML, inSpine: true },
    book.title,
    `<section epub:type="titlepage" class="title-page">\n<h1>${escapeHtml(book.title)}</h1>\n<p class="author">${escapeHtml(book.author)}</p>\n${demo}\n</section>`,
    "frontmatter",
  );
  manifest.push({ id: "nav", href: "nav.xhtml", mediaType: XHTML, properties: "nav", inSpine: true });
  files.set("OEBPS/nav.xhtml", navDocument(book, labels.contents));

  if (book.opening.length > 0) {
    const r = renderer();
    const body = `<section class="opening">\n${r.blocks(book.opening)}\n</section>\n${r.notesSection(labels.notes, labels.backToReference)}`;
    addPage({ id: "opening", href: "opening.xhtml", mediaType: XHTML, inSpine: true }, book.title, body, "bodymatter");
  }
  book.chapters.forEach((chapter, index) => {
    const r = renderer();
    const body = `<section class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="${chapter.id}">\n<h1 id="${chapter.id}">${r.inline(chapter.heading)}</h1>\n${r.blocks(chapter.children)}\n</section>\n${r.notesSection(labels.notes, labels.backToReference)}`;
    addPage(
      { id: `chapter-${index + 1}`, href: chapterFile(index), mediaType: XHTML, inSpine: true },
      chapter.title,
      body,
      "bodymatter",
    );
  });

  files.set("OEBPS/style.css", `${BOOK_CSS}\n${EPUB_CSS}`);
  manifest.push({ id: "css", href: "style.css", mediaType: "text/css" });
  for (const image of usedImages.values()) {
    files.set(`OEBPS/images/${image.fileName}`, image.bytes);
    manifest.push({
      id: image.id,
      href: `images/${image.fileName}`,
      mediaType: image.contentType,
      properties: image === book.cover ? "cover-image" : undefined,
    });
  }
  files.set("OEBPS/package.opf", packageDocument(book, manifest));

  // The OCF spec requires "mimetype" to be the first entry, stored (not deflated), with no extra field.
  const entries: ZipEntry[] = [
    { path: "mimetype", data: "application/epub+zip", store: true },
    { path: "META-INF/container.xml", data: CONTAINER_XML },
  ];
  for (const [path, content] of files) {
    // Images are already compressed; deflating them again only costs time.
    entries.push({ path, data: content, store: typeof content !== "string" });
  }
  return zipPackage(entries, new Date(book.modified));
}

function xhtmlDocument(book: ParsedBook, title: string, body: string, bodyType?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${book.language}" lang="${book.language}">
<head>
<meta charset="UTF-8"/>
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body${bodyType ? ` epub:type="${bodyType}"` : ""}>
${body}
</body>
</html>
`;
}

function navDocument(book: ParsedBook, contentsLabel: string): string {
  const items = book.chapters
    .map((chapter, i) => `<li><a href="chapter-${i + 1}.xhtml">${escapeHtml(chapter.title)}</a></li>`)
    .join("\n");
  const first = book.opening.length > 0 ? "opening.xhtml" : book.chapters.length > 0 ? "chapter-1.xhtml" : null;
  const landmarks = [
    `<li><a epub:type="titlepage" href="title-page.xhtml">${escapeHtml(book.title)}</a></li>`,
    `<li><a epub:type="toc" href="nav.xhtml#toc">${escapeHtml(contentsLabel)}</a></li>`,
    first
      ? `<li><a epub:type="bodymatter" href="${first}">${escapeHtml(book.chapters[0]?.title ?? book.title)}</a></li>`
      : "",
  ].join("\n");
  const toc = items || `<li><a href="title-page.xhtml">${escapeHtml(book.title)}</a></li>`;
  return xhtmlDocument(
    book,
    contentsLabel,
    `<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>${escapeHtml(contentsLabel)}</h1>\n<ol>\n${toc}\n</ol>\n</nav>\n<nav epub:type="landmarks" hidden="hidden">\n<ol>\n${landmarks}\n</ol>\n</nav>`,
  );
}

function packageDocument(book: ParsedBook, manifest: ManifestItem[]): string {
  const identifier = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(book.identifier)
    ? `urn:uuid:${book.identifier}`
    : book.identifier;
  const description = [book.isDemoContent ? `${DEMO_NOTICE}.` : "", book.description ?? ""].filter(Boolean).join(" ");
  const items = manifest
    .map(
      (item) =>
        `<item id="${item.id}" href="${item.href}" media-type="${item.mediaType}"${item.properties ? ` properties="${item.properties}"` : ""}/>`,
    )
    .join("\n    ");
  const spine = manifest
    .filter((item) => item.inSpine)
    .map((item) => `<itemref idref="${item.id}"/>`)
    .join("\n    ");
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${book.language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${escapeHtml(identifier)}</dc:identifier>
    <dc:title>${escapeHtml(book.title)}</dc:title>
    <dc:creator id="creator">${escapeHtml(book.author)}</dc:creator>
    <meta refines="#creator" property="role" scheme="marc:relators">aut</meta>
    <dc:language>${book.language}</dc:language>
    <dc:date>${book.date}</dc:date>
    <meta property="dcterms:modified">${book.modified}</meta>${description ? `\n    <dc:description>${escapeHtml(description)}</dc:description>` : ""}${book.cover ? `\n    <meta name="cover" content="${book.cover.id}"/>` : ""}
  </metadata>
  <manifest>
    ${items}
  </manifest>
  <spine>
    ${spine}
  </spine>
</package>
`;
}

const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

const EPUB_CSS = `
.title-page { text-align: center; margin-top: 30%; }
.title-page .author { font-size: 1.3em; }
.cover { text-align: center; }
.cover img { max-height: 95vh; }
section.chapter > h1 { margin-top: 2em; margin-bottom: 1.5em; }
aside .note-number { float: left; margin-right: 0.4em; }
`.trim();

export const epubExporter: Exporter = {
  format: "EPUB",
  contentType: "application/epub+zip",
  fileExtension: "epub",
  async render(book) {
    return renderEpub(book);
  },
};
