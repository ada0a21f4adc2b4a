import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import {
  NARROW_NBSP as N,
  NBSP as S,
  applyFrenchTypography,
  frenchTypography,
  frenchTypographyInSource,
} from "./french-typography";

const parse = (md: string) => unified().use(remarkParse).use(remarkGfm).parse(md) as Root;

// The first, character-array implementation, kept as the reference the faster one must match exactly.
const SPACES = new Set([" ", "\t", S, N, "\u2009"]);
const HIGH_PUNCTUATION = new Set([";", "!", "?"]);
const TIGHT_AFTER = new Set([";", "!", "?", ":", "«", "(", "[", "\n", ""]);
const PUNCTUATION = new Set([";", "!", "?", ":"]);
const CLOSERS = new Set(["»", '"', "”", "'", "’", ")", "]", "…", "."]);
const NBSP = S;
const NARROW_NBSP = N;
function referenceFrenchTypography(text: string, previous = ""): string {
  let out = "";
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1] ?? "";
    if (HIGH_PUNCTUATION.has(c) || c === ":") {
      const space = c === ":" ? NBSP : NARROW_NBSP;
      // A colon inside a token (10:30, http://) or "?" inside a URL is not French punctuation.
      const endsToken = next === "" || next === "\n" || SPACES.has(next) || CLOSERS.has(next) || PUNCTUATION.has(next);
      const trimmed = out.replace(/[ \t\u00A0\u202F\u2009]+$/u, "");
      if (trimmed.length < out.length) {
        out = `${trimmed}${space}${c}`;
        continue;
      }
      const before = out.length > 0 ? Array.from(out).at(-1)! : previous;
      if (endsToken && !TIGHT_AFTER.has(before) && !SPACES.has(before)) {
        out += space;
      }
      out += c;
      continue;
    }
    if (c === "«") {
      out += `«${NBSP}`;
      while (i + 1 < chars.length && SPACES.has(chars[i + 1]!)) i++;
      continue;
    }
    if (c === "»") {
      const trimmed = out.replace(/[ \t\u00A0\u202F\u2009]+$/u, "");
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

describe("frenchTypography", () => {
  it("puts a narrow no-break space before ; ! ? and a no-break space before :", () => {
    expect(frenchTypography("Quoi? Oui! Bon; enfin: voilà")).toBe(`Quoi${N}? Oui${N}! Bon${N}; enfin${S}: voilà`);
  });

  it("replaces an ordinary space typed before the punctuation instead of adding a second one", () => {
    expect(frenchTypography("Quoi ? Oui ! Note : x")).toBe(`Quoi${N}? Oui${N}! Note${S}: x`);
  });

  it("puts no-break spaces inside guillemets, with or without typed spaces", () => {
    expect(frenchTypography("Il dit «bonjour» puis « adieu ».")).toBe(`Il dit «${S}bonjour${S}» puis «${S}adieu${S}».`);
  });

  it("spaces only the first of a run of punctuation", () => {
    expect(frenchTypography("Vraiment?!")).toBe(`Vraiment${N}?!`);
  });

  it("leaves times, URLs and ratios alone", () => {
    expect(frenchTypography("À 10:30, voir http://x.fr?q=1 et 3:2")).toBe("À 10:30, voir http://x.fr?q=1 et 3:2");
  });

  it("uses the previous run's last character at a run boundary", () => {
    expect(frenchTypography("! fin", "t")).toBe(`${N}! fin`);
    expect(frenchTypography("! fin", "")).toBe("! fin");
  });

  it("gives exactly the reference implementation's output on random text", () => {
    const alphabet = [
      "a",
      "é",
      "1",
      " ",
      "  ",
      "\t",
      "\n",
      S,
      N,
      "\u2009",
      ";",
      "!",
      "?",
      ":",
      "«",
      "»",
      "(",
      "[",
      ")",
      "]",
      ".",
      "…",
      '"',
      "’",
      "/",
      "😀",
      "𝒳",
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let run = 0; run < 5000; run++) {
      const text = Array.from(
        { length: Math.floor(random() * 14) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
      const previous = ["", "x", " ", S, N, "«", "\n", "😀"][Math.floor(random() * 8)]!;
      expect(frenchTypography(text, previous), JSON.stringify([text, previous])).toBe(
        referenceFrenchTypography(text, previous),
      );
    }
  });

  it("is idempotent", () => {
    const once = frenchTypography("Quoi? «Oui»: non!");
    expect(frenchTypography(once)).toBe(once);
  });
});

describe("applyFrenchTypography", () => {
  it("changes prose text but not code, inline code or bare URLs", () => {
    const tree = parse("Bonjour! `a: b!` https://ex.fr/?a=b *mot*!\n\n```\nx: y!\n```\n");
    applyFrenchTypography(tree);
    const paragraph = tree.children[0]!;
    const code = tree.children[1]!;
    expect(paragraph.type).toBe("paragraph");
    expect(JSON.stringify(paragraph)).toContain(`Bonjour${N}!`);
    expect(JSON.stringify(paragraph)).toContain('"value":"a: b!"');
    expect(JSON.stringify(paragraph)).toContain('"value":"https://ex.fr/?a=b"');
    // The "!" after *mot* is in its own text node: spacing still applies across the boundary.
    expect(JSON.stringify(paragraph)).toContain(`"value":"${N}!"`);
    expect(code.type === "code" && code.value).toBe("x: y!");
  });

  it("applies the same spacing to the Markdown source, leaving markup and code untouched", () => {
    const source = "# Titre\n\nBonjour! Un [lien](https://x.fr/?q=1) et `code: ici!` «cité».\n\n```\nx: y!\n```\n";
    const out = frenchTypographyInSource(source, parse(source));
    expect(out).toBe(
      `# Titre\n\nBonjour${N}! Un [lien](https://x.fr/?q=1) et \`code: ici!\` «${S}cité${S}».\n\n\`\`\`\nx: y!\n\`\`\`\n`,
    );
  });
});
