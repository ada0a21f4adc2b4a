// A chapter mixing the scripts a book may contain (issue: CJK and emoji printed as empty boxes) and a
// word far too long for any line. Shared by the exporter tests of fonts and long words.
import type { ParseBookInput } from "@/exporters/parse-book";

/** One sample per script; each must come back from the PDF's text layer intact. */
export const SCRIPT_SAMPLES = {
  French: "Où l’élève déçu a-t-il mangé ?",
  Chinese: "海边的小镇正在适应上升的海平面",
  Japanese: "ひらがなとカタカナの文章",
  Korean: "바닷가 마을의 이야기",
  Hebrew: "שלום עולם",
  Arabic: "مرحبا بالعالم",
  Emoji: "🌊",
} as const;

/** 300 letters with no hyphenation point in any language. */
export const LONG_WORD = "x".repeat(300);

export function mixedScriptsBookInput(): ParseBookInput {
  const paragraphs = Object.entries(SCRIPT_SAMPLES).map(([script, sample]) => `${script}: ${sample}`);
  return {
    title: "Every Script",
    author: "Test",
    language: "fr",
    identifier: "urn:uuid:00000000-0000-4000-8000-000000000013",
    date: "2026-01-01",
    content: `# Every Script\n\n## Chapitre mêlé\n\n${paragraphs.join("\n\n")}\n\nUn mot trop long : ${LONG_WORD} et la suite.\n`,
  };
}

/** pdftotext output without the bidi control marks it adds around right-to-left runs, spaces collapsed. */
export function normalizeExtractedText(text: string): string {
  return text
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
