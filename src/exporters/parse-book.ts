// Parses a book's Markdown ONCE (unified + remark-parse + GFM, see parse-markdown.ts) into the tree every exporter
// renders from, so HTML, EPUB, DOCX, PDF and Markdown agree on chapters, notes, images and typography.
//
// Chapter rule: a leading `#` heading is the book's title heading, and is not repeated in the body (the
// `title` field wins), when it is the only `#` heading or its text is the book's title. Chapters are then
// the shallowest top-level headings that remain: the `##` sections of the usual "# Title, ## Chapter"
// book, or the `#` sections of a book written "# Chapter" after its title. With no heading at all, the
// whole text is one chapter named after the book. Content before the first chapter is kept as an
// untitled opening section. Deeper headings are renumbered so that a chapter is level 2 and its
// sections 3–6, whatever the source used.
import type {
  Definition,
  FootnoteDefinition,
  Heading,
  Image,
  Link,
  Nodes,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
} from "mdast";
import { applyFrenchTypography, frenchTypography, frenchTypographyInSource } from "./french-typography";
import { type ImageInfo, imageInfo } from "./image-info";
import { parseMarkdown } from "./parse-markdown";

export type BookLanguage = "en" | "fr";

export interface ImageBytes {
  bytes: Uint8Array;
  contentType: string;
}

export interface ParseBookInput {
  title: string;
  author: string;
  language: BookLanguage;
  identifier: string;
  /** Publication date (dc:date). */
  date: Date | string;
  /** Last modification (dcterms:modified); defaults to `date` so the same input renders the same bytes. */
  modified?: Date | string;
  description?: string | null;
  /** Full book Markdown: "# Title" then "## Chapter" sections. */
  content: string;
  isDemoContent?: boolean;
  coverImage?: ImageBytes | null;
  resolveImage?: (src: string) => Promise<ImageBytes | null>;
}

export interface BookImage extends ImageInfo {
  /** Stable id, e.g. "img-1": used for file names and references inside packages. */
  id: string;
  fileName: string;
  bytes: Uint8Array;
}

export interface BookFootnote {
  number: number;
  /** Element id of the note, e.g. "fn-3"; the first reference is "fnref-3". */
  id: string;
  children: FootnoteDefinition["children"];
}

export interface BookChapter {
  /** 1-based chapter number. */
  number: number;
  /** Element id of the chapter heading (a slug of its title, unique in the book). */
  id: string;
  title: string;
  heading: PhrasingContent[];
  children: RootContent[];
}

export interface BookAnchor {
  id: string;
  /** Index in `chapters`, or -1 for the opening section. */
  chapter: number;
}

export interface ParsedBook {
  title: string;
  author: string;
  language: BookLanguage;
  identifier: string;
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM-DDThh:mm:ssZ */
  modified: string;
  description: string | null;
  isDemoContent: boolean;
  /** The source Markdown after French typography (identical to the input for English). */
  markdown: string;
  opening: RootContent[];
  chapters: BookChapter[];
  footnotes: Map<string, BookFootnote>;
  headingIds: Map<Heading, string>;
  images: Map<string, BookImage>;
  cover: BookImage | null;
  /** Resolves an in-book link ("#some-heading") to the element and chapter holding it. */
  resolveAnchor(url: string): BookAnchor | null;
}

const RESERVED_IDS = ["toc", "title-page", "footnotes", "notes", "cover", "main", "opening", "book-title"];

/** Parses book Markdown and metadata into the tree all exporters share. */
export async function parseBook(input: ParseBookInput): Promise<ParsedBook> {
  const tree = parseMarkdown(input.content);
  const french = input.language === "fr";
  const markdown = french ? frenchTypographyInSource(input.content, tree) : input.content;
  if (french) applyFrenchTypography(tree);
  const typo = (text: string) => (french ? frenchTypography(text) : text);

  const { definitions, footnoteDefinitions } = collectDefinitions(tree);
  resolveReferences(tree, definitions);
  normaliseRawHtml(tree);

  const { opening, chapters: sections } = splitChapters(tree.children, typo(input.title));
  const slugger = createSlugger();
  const headingIds = new Map<Heading, string>();
  const anchors = new Map<string, BookAnchor>();
  const registerHeadings = (nodes: RootContent[], chapter: number) => {
    for (const node of nodes) {
      visit(node, (n) => {
        if (n.type !== "heading") return;
        const id = slugger(plainText(n));
        headingIds.set(n, id);
        anchors.set(id, { id, chapter });
      });
    }
  };
  registerHeadings(opening, -1);
  const chapters: BookChapter[] = sections.map((section, index) => {
    const heading = section.heading ?? {
      type: "heading",
      depth: 2,
      children: [{ type: "text", value: typo(input.title) }],
    };
    const title = plainText(heading).trim() || String(index + 1);
    const id = slugger(title);
    headingIds.set(heading as Heading, id);
    anchors.set(id, { id, chapter: index });
    registerHeadings(section.children, index);
    return { number: index + 1, id, title, heading: heading.children, children: section.children };
  });

  const footnotes = numberFootnotes(
    [...opening, ...chapters.flatMap((c) => [...c.heading, ...c.children])],
    footnoteDefinitions,
  );
  // Note definitions were taken out of the tree above: their images are resolved too.
  const images = await resolveImages([tree, ...footnoteDefinitions.values()], input.resolveImage);
  const coverInfo = input.coverImage ? imageInfo(input.coverImage.bytes) : null;
  const cover =
    input.coverImage && coverInfo
      ? { ...coverInfo, id: "cover-image", fileName: `cover.${coverInfo.extension}`, bytes: input.coverImage.bytes }
      : null;

  return {
    title: typo(input.title),
    author: typo(input.author),
    language: input.language,
    identifier: input.identifier,
    date: isoDate(input.date),
    modified: isoDateTime(input.modified ?? input.date),
    description: input.description ? typo(input.description) : null,
    isDemoContent: input.isDemoContent ?? false,
    markdown,
    opening,
    chapters,
    footnotes,
    headingIds,
    images,
    cover,
    resolveAnchor(url: string) {
      if (!url.startsWith("#")) return null;
      let target = url.slice(1);
      try {
        target = decodeURIComponent(target);
      } catch {
        // Keep the raw fragment when it is not valid percent-encoding.
      }
      return anchors.get(target) ?? anchors.get(slugify(target)) ?? null;
    },
  };
}

/** Concatenates the text of a node and its descendants (what a reader would see, without markup). */
export function plainText(node: Nodes | PhrasingContent[]): string {
  if (Array.isArray(node)) return node.map((n) => plainText(n)).join("");
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  if (node.type === "image") return node.alt ?? "";
  if (node.type === "break") return " ";
  if (node.type === "footnoteReference") return "";
  if ("children" in node) return (node.children as Nodes[]).map((n) => plainText(n)).join("");
  return "";
}

/** Walks a node and all its descendants depth-first, parents before children. */
export function visit(node: Nodes, fn: (node: Nodes, parent: Parent | null) => void, parent: Parent | null = null) {
  fn(node, parent);
  if ("children" in node) for (const child of node.children as Nodes[]) visit(child, fn, node as Parent);
}

function collectDefinitions(tree: Root) {
  const definitions = new Map<string, Definition>();
  const footnoteDefinitions = new Map<string, FootnoteDefinition>();
  const strip = (parent: Parent) => {
    parent.children = parent.children.filter((child) => {
      if (child.type === "definition") {
        if (!definitions.has(child.identifier)) definitions.set(child.identifier, child);
        return false;
      }
      if (child.type === "footnoteDefinition") {
        if (!footnoteDefinitions.has(child.identifier)) footnoteDefinitions.set(child.identifier, child);
        strip(child);
        return false;
      }
      if ("children" in child) strip(child as Parent);
      return true;
    }) as Parent["children"];
  };
  strip(tree);
  return { definitions, footnoteDefinitions };
}

// Exporters only ever see `link` and `image`: reference-style links are resolved here.
function resolveReferences(node: Nodes, definitions: Map<string, Definition>) {
  if (!("children" in node)) return;
  const children = node.children as Nodes[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === "linkReference") {
      const def = definitions.get(child.identifier);
      const replacement: Link | PhrasingContent[] = def
        ? { type: "link", url: def.url, title: def.title ?? null, children: child.children, position: child.position }
        : child.children;
      if (Array.isArray(replacement)) children.splice(i, 1, ...replacement);
      else children[i] = replacement;
      i--;
      continue;
    }
    if (child.type === "imageReference") {
      const def = definitions.get(child.identifier);
      const replacement: Image | PhrasingContent = def
        ? { type: "image", url: def.url, title: def.title ?? null, alt: child.alt ?? "", position: child.position }
        : { type: "text", value: child.alt ?? "" };
      children[i] = replacement;
      continue;
    }
    resolveReferences(child, definitions);
  }
}

// Raw HTML is never passed through (the text is untrusted and EPUB needs valid XHTML): comments are
// dropped, <br> becomes a line break, and any other tag is kept as visible text by every exporter.
function normaliseRawHtml(node: Nodes) {
  if (!("children" in node)) return;
  const children = node.children as Nodes[];
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i]!;
    if (child.type === "html") {
      const value = child.value.trim();
      if (/^<!--[\s\S]*-->$/.test(value)) children.splice(i, 1);
      else if (/^<br\s*\/?>$/i.test(value)) children[i] = { type: "break", position: child.position };
      continue;
    }
    normaliseRawHtml(child);
  }
}

interface Section {
  heading: Heading | null;
  children: RootContent[];
}

function splitChapters(nodes: RootContent[], bookTitle: string): { opening: RootContent[]; chapters: Section[] } {
  const first = nodes[0];
  const topHeadings = nodes.filter((n): n is Heading => n.type === "heading");
  const normalise = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();
  const isTitleHeading =
    first?.type === "heading" &&
    first.depth === 1 &&
    (topHeadings.filter((h) => h.depth === 1).length === 1 || normalise(plainText(first)) === normalise(bookTitle));
  const body = isTitleHeading ? nodes.slice(1) : nodes;
  const depths = body.filter((n): n is Heading => n.type === "heading").map((h) => h.depth);
  const chapterDepth = depths.length > 0 ? Math.min(...depths) : 0;
  if (chapterDepth === 0) return { opening: [], chapters: body.length > 0 ? [{ heading: null, children: body }] : [] };

  const opening: RootContent[] = [];
  const chapters: Section[] = [];
  for (const node of body) {
    if (node.type === "heading" && node.depth <= chapterDepth) {
      chapters.push({ heading: { ...node, depth: 2 }, children: [] });
      continue;
    }
    const current = chapters.at(-1);
    (current ? current.children : opening).push(node);
  }
  const shift = 2 - chapterDepth;
  for (const node of [...opening, ...chapters.flatMap((c) => c.children)]) {
    visit(node, (n) => {
      if (n.type === "heading") n.depth = Math.min(6, Math.max(3, n.depth + shift)) as Heading["depth"];
    });
  }
  return { opening, chapters };
}

// Numbers notes in order of first reference (like GitHub), including references made inside notes.
function numberFootnotes(nodes: Nodes[], definitions: Map<string, FootnoteDefinition>) {
  const footnotes = new Map<string, BookFootnote>();
  const walk = (node: Nodes) => {
    visit(node, (n) => {
      if (n.type !== "footnoteReference" || footnotes.has(n.identifier)) return;
      const def = definitions.get(n.identifier);
      if (!def) return;
      const number = footnotes.size + 1;
      footnotes.set(n.identifier, { number, id: `fn-${number}`, children: def.children });
      for (const child of def.children) walk(child);
    });
  };
  for (const node of nodes) walk(node);
  return footnotes;
}

async function resolveImages(trees: Nodes[], resolve: ParseBookInput["resolveImage"]) {
  const images = new Map<string, BookImage>();
  if (!resolve) return images;
  const urls = new Set<string>();
  for (const tree of trees) {
    visit(tree, (n) => {
      if (n.type === "image" && n.url) urls.add(n.url);
    });
  }
  for (const url of urls) {
    const resolved = await resolve(url);
    const info = resolved ? imageInfo(resolved.bytes) : null;
    if (!resolved || !info) continue;
    const id = `img-${images.size + 1}`;
    images.set(url, { ...info, id, fileName: `${id}.${info.extension}`, bytes: resolved.bytes });
  }
  return images;
}

/** Turns heading text into an id: lower case, accents dropped, words joined by "-". */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/[\s-]+/g, "-");
  if (!slug) return "section";
  // XML ids (EPUB) must start with a letter; fn-/fnref- ids belong to footnotes.
  return /^\p{L}/u.test(slug) && !/^fn(ref)?-\d/.test(slug) ? slug : `h-${slug}`;
}

function createSlugger() {
  const used = new Set(RESERVED_IDS);
  return (text: string) => {
    const base = slugify(text);
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

function toDate(value: Date | string): Date {
  const date =
    value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid book date: ${String(value)}`);
  return date;
}

function isoDate(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 10);
}

function isoDateTime(value: Date | string): string {
  return `${toDate(value).toISOString().slice(0, 19)}Z`;
}
