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
