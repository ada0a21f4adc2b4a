// A generated multi-chapter book that uses every Markdown feature the exporters support, in English
// and in French (French punctuation deliberately typed WITHOUT the required spaces), plus a PNG image
// served through resolveImage. Shared by the exporter tests and the benchmark.
import { crc32, deflateSync } from "node:zlib";
import type { BookLanguage, ImageBytes, ParseBookInput } from "@/exporters/parse-book";

export const SAMPLE_IMAGE_URL = "images/harbour.png";

/** Encodes a small RGB gradient as a real PNG (no fixture files needed). */
export function samplePng(width = 64, height = 48): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((x / width) * 255);
      raw[row + 2 + x * 3] = Math.round((y / height) * 255);
      raw[row + 3 + x * 3] = 160;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]),
  );
}

const TEXT = {
  en: {
    title: "The Lighthouse Keeper",
    author: "Ada Marlowe",
    description: "A keeper, a storm, and the light that must not go out.",
    opening: "A short opening before the first chapter, about the sea & the light.",
    chapters: ["Arrival at the Point", "The Storm", "Morning Light"],
    hello: "Hello! Really? Yes; finally: “a quotation”.",
    filler:
      "The keeper climbed the spiral stairs every evening, counting the steps as his father had, and trimmed the wick before the light was lit.",
  },
  fr: {
    title: "Le Gardien du phare",
    author: "Adèle Marlowe",
    description: "Un gardien, une tempête, et la lumière qui ne doit pas s’éteindre.",
    opening: "Une courte ouverture avant le premier chapitre, sur la mer & la lumière.",
    chapters: ["Arrivée à la pointe", "La Tempête", "Lumière du matin"],
    hello: "Bonjour! Vraiment? Oui; enfin: «une citation».",
    filler:
      "Le gardien montait chaque soir l’escalier en colimaçon, comptant les marches comme son père avant lui, et taillait la mèche avant d’allumer le feu.",
  },
} as const;

/** Builds the sample book's Markdown; `extraParagraphs` pads every chapter (for page counts and benchmarks). */
export function sampleMarkdown(language: BookLanguage, extraParagraphs = 2): string {
  const t = TEXT[language];
  const filler = Array.from({ length: extraParagraphs }, () => t.filler).join("\n\n");
  const [first, second, third] = t.chapters;
  return `# ${t.title}

${t.opening}

## ${first}

${t.hello}

Text with *emphasis*, **strong words**, ~~struck text~~, \`inline: code!\`, a [link](https://example.com/page?x=1 "Example"), an autolink https://example.org/path, and a note[^first]. Another note[^second].

### The keeper's log

> A block quote about the sea,
> spanning two lines.

- first item
- second item
  - nested item
- [x] finished task
- [ ] open task

1. one
2. two
3. three

\`\`\`js
const answer = 42; // <tag> & "quotes": fine!
\`\`\`

| Name | Count | Note |
|:-----|------:|:----:|
| Apples | 3 | fresh |
| Pears | 10 | *ripe* |

![A generated harbour image](${SAMPLE_IMAGE_URL} "Harbour")

---

Special characters: <b>raw html</b> & "quotes" # hash * star _ under $ dollar @ at [brackets] \\\\ backslash = equals ~ tilde 'apostrophe' / slash.

${filler}

## ${second}

See [the first chapter](#${slug(first)}). The first note again[^first]. Line one\\
line two after a hard break.

${filler}

## ${third}

A closing chapter with a reference-style [link][ref].

${filler}

[ref]: https://example.net/ref
[^first]: The first note, with *emphasis*.
[^second]: The second note.
`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

/** parseBook input for the sample book, with the PNG served through resolveImage. */
export function sampleBookInput(
  language: BookLanguage,
  options: { extraParagraphs?: number; isDemoContent?: boolean; cover?: boolean } = {},
): ParseBookInput {
  const t = TEXT[language];
  const png = samplePng();
  return {
    title: t.title,
    author: t.author,
    language,
    identifier: "0b6f3c9e-7d1a-4f5e-9a2b-3c4d5e6f7a8b",
    date: "2025-03-14",
    description: t.description,
    content: sampleMarkdown(language, options.extraParagraphs ?? 2),
    isDemoContent: options.isDemoContent ?? true,
    coverImage: options.cover ? { bytes: samplePng(300, 450), contentType: "image/png" } : null,
    resolveImage: async (src: string): Promise<ImageBytes | null> =>
      src === SAMPLE_IMAGE_URL ? { bytes: png, contentType: "image/png" } : null,
  };
}

export const SAMPLE_CHAPTER_TITLES = { en: TEXT.en.chapters, fr: TEXT.fr.chapters };
export const SAMPLE_TITLES = { en: TEXT.en.title, fr: TEXT.fr.title };
