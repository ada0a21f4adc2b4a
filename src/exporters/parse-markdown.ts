// Markdown → mdast with GFM, producing exactly the tree `unified().use(remarkParse).use(remarkGfm)` does,
// but without paying for GFM autolink-literal detection where it cannot possibly match.
//
// Why: the autolink-literal syntax tries an e-mail autolink at the start of EVERY word (it is registered
// on every letter and digit), which was about a quarter of the whole parse of a book. An e-mail literal
// needs an "@" in the source, a www literal "www." and a protocol literal "http://" or "https://", so
// each of those three constructs is only registered when its trigger occurs in the source text. Its
// mdast transform (a regex find-and-replace over every text node) likewise only runs on the top-level
// blocks whose source could produce a match. Likewise the table syntax reads the whole first line of
// every paragraph as a possible header row before it looks for the delimiter row (|---|) below it: it is
// now refused at once when the next source line cannot be a delimiter row. These filters are exact:
// parse-markdown.test.ts compares the trees, positions included, with remark-gfm's on tricky inputs.
import type { Root } from "mdast";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import remarkParse from "remark-parse";
import { type Plugin, unified } from "unified";

type MicromarkExtension = ReturnType<typeof gfm>;
type FromMarkdownExtension = ReturnType<typeof gfmFromMarkdown>[number];
interface TokenizeContext {
  events: [string, { type: string }, unknown][];
  now(): { offset: number };
}
interface Construct {
  name?: string;
  tokenize?: (this: TokenizeContext, effects: unknown, ok: unknown, nok: (code: unknown) => unknown) => unknown;
}

/** Parses Markdown with GFM (tables, footnotes, strikethrough, task lists, autolink literals) to mdast. */
export function parseMarkdown(source: string): Root {
  return unified().use(remarkParse).use(bookGfm, source).parse(source) as Root;
}

// A unified plugin like remark-gfm's, with the autolink-literal parts trimmed to what `source` can use.
const bookGfm: Plugin<[string], Root> = function (source) {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmSyntaxFor(source)];
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    gfmFromMarkdown().map((extension) => limitTransforms(extension, source)),
  ];
};

/** GFM syntax without the autolink-literal constructs whose trigger text does not occur in `source`. */
export function gfmSyntaxFor(source: string): MicromarkExtension {
  const syntax = gfm();
  const unused = new Set<string>();
  // The tokenizers read source characters (a character reference is its own construct), so an "@"
  // written as "&#64;" never makes an e-mail literal here: the literal text is the right test.
  if (!source.includes("@")) unused.add("emailAutolink");
  if (!/www\./i.test(source)) unused.add("wwwAutolink");
  if (!/https?:\/\//i.test(source)) unused.add("protocolAutolink");
  const text: NonNullable<MicromarkExtension["text"]> = {};
  for (const [code, value] of Object.entries(syntax.text ?? {})) {
    const constructs = (Array.isArray(value) ? value : [value]) as Construct[];
    const kept = constructs.filter((construct) => !unused.has(construct.name ?? ""));
    if (kept.length > 0) text[code as unknown as number] = kept as typeof value;
  }
  const flow: NonNullable<MicromarkExtension["flow"]> = {};
  for (const [code, value] of Object.entries(syntax.flow ?? {})) {
    const constructs = (Array.isArray(value) ? value : [value]) as Construct[];
    flow[code as unknown as number] = constructs.map((construct) =>
      construct.name === "table" ? tableOnlyBeforeDelimiterRow(construct, source) : construct,
    ) as typeof value;
  }
  return { ...syntax, text, flow };
}

// Everything a delimiter row's line can hold: cells of "-" with optional ":" between "|", whitespace,
// and the ">" of enclosing block quotes (list items only indent; a lazy line is never a delimiter row).
const DELIMITER_ROW_LINE = /^[ \t>|:-]*-[ \t>|:-]*$/;

// Wraps GFM's table construct so that, where it would start a table (not continue one with body rows),
// it gives up at once unless the next source line could be the delimiter row a table needs.
function tableOnlyBeforeDelimiterRow(table: Construct, source: string): Construct {
  // "\r" line endings would need their own line splitting; such sources keep the plain construct.
  if (source.includes("\r") || !table.tokenize) return table;
  const tokenize = table.tokenize;
  return {
    ...table,
    tokenize(this: TokenizeContext, effects: unknown, ok: unknown, nok: (code: unknown) => unknown) {
      const start = tokenize.call(this, effects, ok, nok) as (code: unknown) => unknown;
      return (code: unknown) => {
        // The same look-back GFM's tokenizer does: after a table head or row, this line is a body row.
        let index = this.events.length - 1;
        while (index > -1 && ["lineEnding", "linePrefix"].includes(this.events[index]![1].type)) index--;
        const tail = index > -1 ? this.events[index]![1].type : null;
        if (tail !== "tableHead" && tail !== "tableRow") {
          const lineEnd = source.indexOf("\n", this.now().offset);
          if (lineEnd === -1) return nok(code);
          const nextEnd = source.indexOf("\n", lineEnd + 1);
          const next = source.slice(lineEnd + 1, nextEnd === -1 ? source.length : nextEnd);
          if (!DELIMITER_ROW_LINE.test(next)) return nok(code);
        }
        return start(code);
      };
    },
  };
}

// The autolink-literal transform's regexes need "http(s)://", "www." or "@" in a text node's value. A
// value only differs from its source through escapes (\) and character references (&), so a block whose
// source has none of these cannot match, and the transform is skipped for it.
const AUTOLINK_TRIGGER = /[@&\\]|https?:\/\/|www\./i;

function limitTransforms(extension: FromMarkdownExtension, source: string): FromMarkdownExtension {
  const transforms = extension.transforms;
  if (!transforms || transforms.length === 0 || !extension.enter?.literalAutolink) return extension;
  return {
    ...extension,
    transforms: transforms.map((transform) => (tree: Root) => {
      for (const block of tree.children) {
        const start = block.position?.start.offset;
        const end = block.position?.end.offset;
        if (start !== undefined && end !== undefined && !AUTOLINK_TRIGGER.test(source.slice(start, end))) continue;
        // The transform only ever replaces phrasing content inside its argument, never the argument.
        transform(block as unknown as Root);
      }
      return tree;
    }),
  };
}
