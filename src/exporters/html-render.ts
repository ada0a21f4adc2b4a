// Renders the parsed Markdown tree to (X)HTML markup shared by the HTML page and the EPUB chapters.
// Output is always well-formed XML (void elements self-closed, every attribute quoted and escaped),
// so the same markup is valid in an HTML page and in an EPUB XHTML content document.
import type { Nodes, PhrasingContent, RootContent, TableCell } from "mdast";
import type { BookAnchor, BookFootnote, BookImage, ParsedBook } from "./parse-book";

export interface HtmlRenderOptions {
  book: ParsedBook;
  /** EPUB mode adds epub:type attributes and renders notes as asides. */
  epub: boolean;
  /** Added to mdast heading depth (chapters are depth 2): 0 for the single page, -1 for EPUB files. */
  headingOffset: number;
  imageSrc(image: BookImage): string;
  anchorHref(anchor: BookAnchor): string;
  /** Whether an image the book could not resolve may still be shown from its remote URL. */
  allowRemoteImages: boolean;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML and Typst strings forbid is the point.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for an element body or a double-quoted attribute, dropping characters XML forbids. */
export function escapeHtml(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Whether a link target is safe to emit as-is (no javascript:, data:, or relative file links). */
export function isExternalUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}

/** Renders mdast to markup for one output file, remembering which notes that file references. */
export class HtmlRenderer {
  /** Notes referenced so far, in first-reference order. */
  readonly notes: BookFootnote[] = [];
  private readonly refCounts = new Map<string, number>();

  constructor(private readonly options: HtmlRenderOptions) {}

  blocks(nodes: readonly RootContent[] | readonly Nodes[], tight = false): string {
    return nodes.map((node) => this.block(node as Nodes, tight)).join("\n");
  }

  inline(nodes: readonly PhrasingContent[] | readonly Nodes[]): string {
    return nodes.map((node) => this.phrasing(node as Nodes)).join("");
  }

  /** Renders the notes this file referenced, as a numbered list (page) or asides (EPUB). */
  notesSection(title: string, backLabel: string): string {
    if (this.notes.length === 0) return "";
    const items = this.notes.map((note) => {
      const back = `<a href="#fnref-${note.number}" role="doc-backlink" title="${escapeHtml(backLabel)}">↩︎</a>`;
      const body = this.withBacklink(this.blocks(note.children), back);
      if (this.options.epub) {
        return `<aside epub:type="footnote" role="doc-footnote" id="${note.id}"><p class="note-number"><a href="#fnref-${note.number}">${note.number}.</a></p>${body}</aside>`;
      }
      return `<li id="${note.id}" value="${note.number}">${body}</li>`;
    });
    if (this.options.epub) {
      return `<section class="footnotes" epub:type="footnotes" role="doc-endnotes">\n<h2>${escapeHtml(title)}</h2>\n${items.join("\n")}\n</section>`;
    }
    return `<section class="footnotes" id="footnotes" role="doc-endnotes">\n<h2>${escapeHtml(title)}</h2>\n<ol>\n${items.join("\n")}\n</ol>\n</section>`;
  }

  private withBacklink(html: string, back: string): string {
    return html.endsWith("</p>") ? `${html.slice(0, -4)} ${back}</p>` : `${html}<p>${back}</p>`;
  }

  private block(node: Nodes, tight: boolean): string {
    switch (node.type) {
      case "paragraph":
        return tight ? this.inline(node.children) : `<p>${this.inline(node.children)}</p>`;
      case "heading": {
        const level = Math.min(6, Math.max(1, node.depth + this.options.headingOffset));
        const id = this.options.book.headingIds.get(node);
        return `<h${level}${id ? ` id="${id}"` : ""}>${this.inline(node.children)}</h${level}>`;
      }
      case "blockquote":
        return `<blockquote>\n${this.blocks(node.children)}\n</blockquote>`;
      case "list": {
        const tag = node.ordered ? "ol" : "ul";
        const start = node.ordered && node.start != null && node.start !== 1 ? ` start="${node.start}"` : "";
        const itemsTight = !node.spread && node.children.every((item) => !item.spread);
        const items = node.children.map((item) => {
          const box = item.checked === true ? "☑ " : item.checked === false ? "☐ " : "";
          const cls = item.checked != null ? ' class="task"' : "";
          const body = this.blocks(item.children, itemsTight);
          if (!box) return `<li${cls}>${body}</li>`;
          return body.startsWith("<p>") ? `<li${cls}><p>${box}${body.slice(3)}</li>` : `<li${cls}>${box}${body}</li>`;
        });
        return `<${tag}${start}>\n${items.join("\n")}\n</${tag}>`;
      }
      case "code": {
        const lang = node.lang ? ` class="language-${escapeHtml(node.lang.replace(/[^\w+-]/g, ""))}"` : "";
        return `<pre><code${lang}>${escapeHtml(node.value)}</code></pre>`;
      }
      case "thematicBreak":
        return "<hr/>";
      case "table": {
        const [head, ...rows] = node.children;
        const align = node.align ?? [];
        const cell = (c: TableCell, tag: "th" | "td", i: number) => {
          const a = align[i];
          return `<${tag}${a ? ` style="text-align: ${a}"` : ""}>${this.inline(c.children)}</${tag}>`;
        };
        const thead = head
          ? `<thead>\n<tr>${head.children.map((c, i) => cell(c, "th", i)).join("")}</tr>\n</thead>\n`
          : "";
        const tbody = rows.map((r) => `<tr>${r.children.map((c, i) => cell(c, "td", i)).join("")}</tr>`).join("\n");
        return `<table>\n${thead}<tbody>\n${tbody}\n</tbody>\n</table>`;
      }
      case "html":
        // Raw HTML is shown as text: the book text is untrusted and must stay valid XHTML.
        return `<p>${escapeHtml(node.value)}</p>`;
      default:
        return tight ? this.phrasing(node) : `<p>${this.phrasing(node)}</p>`;
    }
  }

  private phrasing(node: Nodes): string {
    switch (node.type) {
      case "text":
        return escapeHtml(node.value);
      case "emphasis":
        return `<em>${this.inline(node.children)}</em>`;
      case "strong":
        return `<strong>${this.inline(node.children)}</strong>`;
      case "delete":
        return `<del>${this.inline(node.children)}</del>`;
      case "inlineCode":
        return `<code>${escapeHtml(node.value)}</code>`;
      case "break":
        return "<br/>";
      case "html":
        return escapeHtml(node.value);
      case "link": {
        const title = node.title ? ` title="${escapeHtml(node.title)}"` : "";
        const anchor = this.options.book.resolveAnchor(node.url);
        const href = anchor ? this.options.anchorHref(anchor) : isExternalUrl(node.url) ? node.url.trim() : null;
        const body = this.inline(node.children);
        return href ? `<a href="${escapeHtml(href)}"${title}>${body}</a>` : body;
      }
      case "image": {
        const image = this.options.book.images.get(node.url);
        const alt = escapeHtml(node.alt ?? "");
        const title = node.title ? ` title="${escapeHtml(node.title)}"` : "";
        if (image) return `<img src="${escapeHtml(this.options.imageSrc(image))}" alt="${alt}"${title}/>`;
        if (this.options.allowRemoteImages && /^https?:\/\//i.test(node.url)) {
          return `<img src="${escapeHtml(node.url)}" alt="${alt}"${title}/>`;
        }
        return `<span class="missing-image">${alt}</span>`;
      }
      case "footnoteReference": {
        const note = this.options.book.footnotes.get(node.identifier);
        if (!note) return "";
        const count = (this.refCounts.get(node.identifier) ?? 0) + 1;
        this.refCounts.set(node.identifier, count);
        if (count === 1) this.notes.push(note);
        const id = count === 1 ? `fnref-${note.number}` : `fnref-${note.number}-${count}`;
        const type = this.options.epub ? ' epub:type="noteref"' : "";
        return `<sup><a href="#${note.id}" id="${id}" class="noteref" role="doc-noteref"${type}>${note.number}</a></sup>`;
      }
      default:
        if ("children" in node) return this.inline(node.children as Nodes[]);
        return "";
    }
  }
}

/**
 * Reading CSS shared by the HTML page and the EPUB. `overflow-wrap: anywhere` breaks a word too long for
 * the line (a 300-letter word, a long URL) instead of widening the page; `word-wrap` is its older name,
 * for reading systems that predate it.
 */
export const BOOK_CSS = `
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.6; color: #1d1d1f; word-wrap: break-word; overflow-wrap: anywhere; }
h1, h2, h3, h4, h5, h6 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; hyphens: manual; }
p { margin: 0 0 0.9em; text-align: justify; hyphens: auto; -webkit-hyphens: auto; }
blockquote { margin: 1em 1.5em; padding-left: 1em; border-left: 3px solid #c7c7cc; font-style: italic; }
pre { background: #f5f5f7; padding: 0.8em 1em; overflow-x: auto; white-space: pre-wrap; font-size: 0.85em; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #c7c7cc; padding: 0.3em 0.6em; }
th { background: #f5f5f7; }
img { max-width: 100%; height: auto; }
hr { border: 0; border-top: 1px solid #c7c7cc; margin: 2em 25%; }
li.task { list-style: none; }
sup a.noteref { text-decoration: none; }
.footnotes { font-size: 0.9em; border-top: 1px solid #c7c7cc; margin-top: 3em; }
.demo-notice { display: inline-block; border: 1px solid #b25000; color: #b25000; padding: 0.2em 0.6em; font-family: sans-serif; }
.missing-image { font-style: italic; }
`.trim();
