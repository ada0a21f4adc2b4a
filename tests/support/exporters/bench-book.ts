// The benchmark's generated book: about N words of deterministic pseudo-random prose using every
// Markdown feature the exporters handle (headings, emphasis, notes, quotes, lists, tables, code,
// images, internal and external links). Shared by bench/export.ts and profiling scripts.
import type { BookLanguage } from "@/exporters/parse-book";

const VOCABULARIES = {
  en: "the keeper light sea storm harbour night lamp tower wind wave stone door window rope boat village morning silence memory letter island cold bright slow distant old quiet careful began watched carried remembered listened opened climbed waited across under beyond through against before after while",
  fr: "le gardien lumière mer tempête port nuit lampe tour vent vague pierre porte fenêtre corde barque village matin silence mémoire lettre île froid clair lent lointain vieux calme prudent commença regarda porta rappela écouta ouvrit monta attendit travers sous au-delà contre avant après pendant",
};

/** Deterministic pseudo-random numbers, so every run benchmarks the same book. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Generates book Markdown of about `words` words using every feature the exporters handle. */
export function generateBenchBook(
  words: number,
  language: BookLanguage,
): { markdown: string; words: number; chapters: number } {
  const VOCABULARY = VOCABULARIES[language].split(" ");
  const random = rng(42);
  const pick = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
  const sentence = () => {
    const length = 8 + Math.floor(random() * 14);
    const parts = Array.from({ length }, pick);
    if (random() < 0.2) parts[2] = `*${parts[2]}*`;
    if (random() < 0.1) parts[5] = `**${parts[5]}**`;
    const text = parts.join(" ");
    const end = random() < 0.1 ? "?" : random() < 0.1 ? "!" : ".";
    return `${text[0]!.toUpperCase()}${text.slice(1)}${end}`;
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(" ");
  const countWords = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

  const out: string[] = [`# ${language === "fr" ? "Le Long Livre" : "The Long Book"}`, ""];
  const notes: string[] = [];
  let total = 0;
  let chapter = 0;
  let firstChapterId = "";
  const wordsPerChapter = 3300;
  while (total < words) {
    chapter++;
    const [a, b] = [pick(), pick()];
    out.push(`## ${language === "fr" ? "Chapitre" : "Chapter"} ${chapter}: ${a} ${b}`, "");
    // The id pandoc and our slugger both give this heading, so the cross-reference resolves in both.
    if (chapter === 1) firstChapterId = `${language === "fr" ? "chapitre" : "chapter"}-1-${a}-${b}`;
    let inChapter = 0;
    let block = 0;
    while (inChapter < wordsPerChapter && total + inChapter < words) {
      block++;
      let text = paragraph();
      if (block % 6 === 0) {
        const id = `n${chapter}-${block}`;
        text += `[^${id}]`;
        notes.push(`[^${id}]: ${sentence()}`);
      }
      if (block === 4) out.push(`### ${pick()} ${pick()}`, "");
      if (block === 8) out.push(`> ${sentence()}`, `> ${sentence()}`, "");
      if (block === 10) out.push(`- ${sentence()}`, `- ${sentence()}`, `  - ${sentence()}`, `1. ${sentence()}`, "");
      if (block === 12)
        out.push(
          "| Name | Count | Note |",
          "|:--|--:|:-:|",
          `| ${pick()} | ${block} | ${pick()} |`,
          `| ${pick()} | ${chapter} | *${pick()}* |`,
          "",
        );
      if (block === 14) out.push("```js", `const chapter = ${chapter}; // ${pick()}: ${pick()}!`, "```", "");
      if (block === 16) out.push(`![${pick()}](images/figure.png "${pick()}")`, "");
      if (block === 18) text += ` See [the first chapter](#${firstChapterId}) or [a site](https://example.com).`;
      out.push(text, "");
      inChapter += countWords(text);
    }
    total += inChapter;
  }
  out.push(...notes, "");
  return { markdown: out.join("\n"), words: total, chapters: chapter };
}
