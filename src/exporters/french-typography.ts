// French typographic spacing (Imprimerie nationale rules as applied by most French publishers):
// a narrow no-break space (U+202F) before ; ! ? and a no-break space (U+00A0) before : and inside « ».
// Applied once, to the parsed Markdown tree, so every export format shows the same text.
import type { Link, Nodes, Parent, Root, Text } from "mdast";

export const NARROW_NBSP = "\u202F";
export const NBSP = "\u00A0";

const SPACES = new Set([" ", "\t", NBSP, NARROW_NBSP, "\u2009"]);
const HIGH_PUNCTUATION = new Set([";", "!", "?"]);
const TIGHT_AFTER = new Set([";", "!", "?", ":", "«", "(", "[", "\n", ""]);
const PUNCTUATION = new Set([";", "!", "?", ":"]);
const CLOSERS = new Set(["»", '"', "”", "'", "’", ")", "]", "…", "."]);

// Characters around which French spacing can change a run of text.
const TRIGGERS = /[;!?:«»]/;

/** Applies French spacing to one run of text; `previous` is the last character of the text before it in the same block. */
export function frenchTypography(text: string, previous = ""): string {
  // Most runs have no punctuation to space: return them untouched without rebuilding the string.
  const dropsLeadingSpace = (previous === NBSP || previous === NARROW_NBSP) && SPACES.has(text.charAt(0));
  if (!dropsLeadingSpace && !TRIGGERS.test(text)) return text;
  // Walks UTF-16 code units: every character the rules look at is in the BMP, and an astral character's
  // halves match none of them, exactly as the whole character would not.
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const next = text.charAt(i + 1);
    if (HIGH_PUNCTUATION.has(c) || c === ":") {
      const space = c === ":" ? NBSP : NARROW_NBSP;
      // A colon inside a token (10:30, http://) or "?" inside a URL is not French punctuation.
      const endsToken = next === "" || next === "\n" || SPACES.has(next) || CLOSERS.has(next) || PUNCTUATION.has(next);
      const trimmed = trimEndSpaces(out);
      if (trimmed.length < out.length) {
        out = `${trimmed}${space}${c}`;
        continue;
      }
      const before = out.length > 0 ? out.charAt(out.length - 1) : previous;
      if (endsToken && !TIGHT_AFTER.has(before) && !SPACES.has(before)) {
        out += space;
      }
      out += c;
      continue;
    }
    if (c === "«") {
      out += `«${NBSP}`;
      while (i + 1 < text.length && SPACES.has(text.charAt(i + 1))) i++;
      continue;
    }
    if (c === "»") {
      const trimmed = trimEndSpaces(out);
      if (trimmed.length > 0) out = `${trimmed}${NBSP}»`;
      else if (previous === "" || SPACES.has(previous)) out = "»";
      else out = `${NBSP}»`;
      continue;
    }
    if (out.length === 0 && SPACES.has(c) && (previous === NBSP || previous === NARROW_NBSP)) {
      // The previous run ended with the space inserted after «: drop the duplicate.
      continue;
    }
    out += c;
  }
  return out;
}

// Drops trailing spaces (the SPACES set) by scanning back from the end, not by a regex over the whole string.
function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && SPACES.has(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The last character (code point) of a string, or "" for an empty one. */
function lastCharacter(text: string): string {
  const last = text.codePointAt(text.length - 1);
  if (last === undefined) return "";
  // A low surrogate ends an astral character: return the whole pair.
  if (last >= 0xdc00 && last <= 0xdfff && text.length >= 2) {
    const pair = text.codePointAt(text.length - 2)!;
    if (pair > 0xffff) return String.fromCodePoint(pair);
  }
  return text.charAt(text.length - 1);
}

/** Visits every prose text node (not code, HTML or URL-as-text) with the last character of the text before it in its block. */
export function forEachProseText(tree: Root, visit: (node: Text, previous: string) => void): void {
  const state = { previous: "" };
  const walk = (node: Nodes) => {
    switch (node.type) {
      case "text":
        visit(node, state.previous);
        state.previous = lastCharacter(node.value) || state.previous;
        return;
      case "inlineCode":
        state.previous = "x";
        return;
      case "break":
        state.previous = "\n";
        return;
      case "code":
      case "html":
      case "yaml":
      case "definition":
        return;
      case "link":
        if (isBareUrl(node)) {
          state.previous = "x";
          return;
        }
        break;
    }
    if (!("children" in node)) return;
    const block = !isPhrasing(node);
    if (block) state.previous = "";
    for (const child of (node as Parent).children) walk(child as Nodes);
    if (block) state.previous = "";
  };
  walk(tree);
}

/** Mutates the tree's prose text nodes with French spacing. */
export function applyFrenchTypography(tree: Root): void {
  forEachProseText(tree, (node, previous) => {
    node.value = frenchTypography(node.value, previous);
  });
}

/** Returns the Markdown source with French spacing applied inside prose text only, leaving markup and code untouched. */
export function frenchTypographyInSource(source: string, tree: Root): string {
  const patches: { start: number; end: number; text: string }[] = [];
  forEachProseText(tree, (node, previous) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const raw = source.slice(start, end);
    const fixed = frenchTypography(raw, previous);
    if (fixed !== raw) patches.push({ start, end, text: fixed });
  });
  let out = "";
  let cursor = 0;
  for (const patch of patches.sort((a, b) => a.start - b.start)) {
    if (patch.start < cursor) continue;
    out += source.slice(cursor, patch.start) + patch.text;
    cursor = patch.end;
  }
  return out + source.slice(cursor);
}

function isBareUrl(link: Link): boolean {
  const only = link.children.length === 1 ? link.children[0] : undefined;
  if (only?.type !== "text") return false;
  return only.value === link.url || `mailto:${only.value}` === link.url || `http://${only.value}` === link.url;
}

const PHRASING = new Set(["emphasis", "strong", "delete", "link", "linkReference", "footnoteReference"]);

function isPhrasing(node: Nodes): boolean {
  return PHRASING.has(node.type);
}
