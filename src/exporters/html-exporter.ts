// One standalone, readable HTML page: title block, table of contents, chapters, notes, images inlined.
import { BOOK_CSS, HtmlRenderer, escapeHtml } from "./html-render";
import { DEMO_NOTICE, bookLabels } from "./book-labels";
import type { Exporter } from "./exporter";
import type { BookImage, ParsedBook } from "./parse-book";

/** Renders the whole book as one self-contained HTML document (no external requests except remote images). */
export function renderHtml(book: ParsedBook): string {
  const labels = bookLabels(book.language);
  const renderer = new HtmlRenderer({
    book,
    epub: false,
    headingOffset: 0,
    imageSrc: dataUri,
    anchorHref: (anchor) => `#${anchor.id}`,
    allowRemoteImages: true,
  });
  const toc = book.chapters
    .map((chapter) => `<li><a href="#${chapter.id}">${escapeHtml(chapter.title)}</a></li>`)
    .join("\n");
  const opening =
    book.opening.length > 0 ? `<section class="opening">\n${renderer.blocks(book.opening)}\n</section>` : "";
  const chapters = book.chapters
    .map(
      (chapter) =>
        `<section class="chapter" aria-labelledby="${chapter.id}">\n<h2 id="${chapter.id}">${renderer.inline(chapter.heading)}</h2>\n${renderer.blocks(chapter.children)}\n</section>`,
    )
    .join("\n");
  const notes = renderer.notesSection(labels.notes, labels.backToReference);
  const description = book.description ? `<meta name="description" content="${escapeHtml(book.description)}"/>` : "";
  const cover = book.cover ? `<img class="cover" src="${dataUri(book.cover)}" alt="${escapeHtml(labels.cover)}"/>` : "";
  const demo = book.isDemoContent ? `<p class="demo-notice">${escapeHtml(DEMO_NOTICE)}</p>` : "";

  return `<!DOCTYPE html>
<html lang="${book.language}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${escapeHtml(book.title)}</title>
<meta name="author" content="${escapeHtml(book.author)}"/>
${description}
<meta name="dcterms.identifier" content="${escapeHtml(book.identifier)}"/>
<meta name="dcterms.date" content="${book.date}"/>
<style>
${BOOK_CSS}
body { max-width: 38em; margin: 0 auto; padding: 2em 1.25em 4em; font-size: 1.1em; }
header.title-page { text-align: center; margin: 3em 0; }
header.title-page .author { font-size: 1.2em; }
img.cover { display: block; margin: 0 auto 2em; max-height: 70vh; }
nav#toc ol { padding-left: 1.2em; }
section.chapter { margin-top: 4em; }
</style>
</head>
<body>
<header class="title-page" id="title-page">
${cover}
<h1>${escapeHtml(book.title)}</h1>
<p class="author">${escapeHtml(book.author)}</p>
${demo}
</header>
<nav id="toc" role="doc-toc" aria-labelledby="toc-title">
<h2 id="toc-title">${escapeHtml(labels.contents)}</h2>
<ol>
${toc}
</ol>
</nav>
<main>
${opening}
${chapters}
</main>
${notes}
</body>
</html>
`;
}

function dataUri(image: BookImage): string {
  return `data:${image.contentType};base64,${Buffer.from(image.bytes).toString("base64")}`;
}

export const htmlExporter: Exporter = {
  format: "HTML",
  contentType: "text/html; charset=utf-8",
  fileExtension: "html",
  async render(book) {
    return new TextEncoder().encode(renderHtml(book));
  },
};
