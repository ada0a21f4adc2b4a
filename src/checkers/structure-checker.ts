import type { Heading, Nodes, Parent } from "mdast";
import { countWords } from "@/engines/word-count";
import { parseMarkdown } from "@/exporters/parse-markdown";
import type { BookChecker, BookCheckInput, BookFinding, CheckedChapter, FindingSeverity } from "./checker";
import { type ProseSegment, proseSegments } from "./prose-segments-for-style";

/**
 * Book-level structure checks (checker id "structure", type STRUCTURE). Each rule is stated where its
 * constant is; findings tie to a chapter, and to a passage of it when there is one (offsets into that
 * chapter's Markdown).
 */

const CHECKER = "structure";

/** A chapter with fewer words than this is "near-empty" (WARNING); with none at all it is empty (ERROR). */
export const NEAR_EMPTY_WORDS = 50;
/** A chapter whose word count is further than this fraction from its outline budget is reported. */
export const BUDGET_TOLERANCE = 0.15;
/** Near-duplicate paragraphs: at least this many words, and this Jaccard similarity of their word 3-grams. */
export const DUPLICATE_MIN_WORDS = 30;
export const DUPLICATE_SIMILARITY = 0.8;
/**
 * MinHash with locality-sensitive hashing: 16 bands of 4 hashes. Two paragraphs share a bucket (and are then
 * compared exactly) with probability 1 − (1 − J⁴)¹⁶: 99.98 % at J = 0.8, so no pair over the threshold is
 * missed in practice, while a 100,000-word book costs one pass over its paragraphs, not one per pair.
 */
const BANDS = 16;
const ROWS = 4;
const HASHES = BANDS * ROWS;

interface Passage {
  chapter: CheckedChapter;
  start: number;
  end: number;
}

function finding(
  fields: Pick<BookFinding, "ruleId" | "message"> & { severity: FindingSeverity },
  chapter: CheckedChapter | null,
  passage?: { start: number; end: number; original?: string; suggestions?: string[] },
): BookFinding {
  return {
    type: "STRUCTURE",
    checker: CHECKER,
    ruleId: fields.ruleId,
    severity: fields.severity,
    message: fields.message,
    chapterId: chapter?.id ?? null,
    startOffset: passage?.start ?? null,
    endOffset: passage?.end ?? null,
    original: passage?.original ?? (chapter && passage ? chapter.markdown.slice(passage.start, passage.end) : ""),
    suggestions: passage?.suggestions ?? [],
  };
}

const chapterName = (chapter: CheckedChapter) => `chapter ${chapter.order} “${chapter.title}”`;

export function createStructureChecker(): BookChecker {
  return {
    id: CHECKER,
    async check(book: BookCheckInput): Promise<BookFinding[]> {
      const chapters = [...book.chapters].sort((a, b) => a.order - b.order);
      const segments = new Map<string, ProseSegment[]>();
      const findings: BookFinding[] = [];
      for (const chapter of chapters) {
        book.signal?.throwIfAborted();
        segments.set(chapter.id, proseSegments(chapter.markdown));
        findings.push(...skippedHeadingLevels(chapter), ...lengthFindings(chapter));
      }
      findings.push(...duplicateTitles(chapters));
      book.signal?.throwIfAborted();
      findings.push(...nearDuplicateParagraphs(chapters, segments));
      book.signal?.throwIfAborted();
      findings.push(...inconsistentSpellings(chapters, segments, book.variant));
      return findings;
    },
  };
}

/** A heading more than one level below the one before it (## then ####). The chapter title is the H1. */
function skippedHeadingLevels(chapter: CheckedChapter): BookFinding[] {
  const findings: BookFinding[] = [];
  let previous = 1;
  const walk = (node: Nodes) => {
    if (node.type === "heading") {
      const heading = node as Heading;
      const start = heading.position?.start.offset;
      if (heading.depth > previous + 1 && start !== undefined) {
        const marker = /^#{1,6}/.exec(chapter.markdown.slice(start))?.[0];
        const expected = "#".repeat(previous + 1);
        findings.push(
          finding(
            {
              ruleId: "skipped-heading-level",
              severity: "WARNING",
              message: `This heading jumps from level ${previous} to level ${heading.depth}: use level ${previous + 1}`,
            },
            chapter,
            marker
              ? { start, end: start + marker.length, suggestions: [expected] }
              : { start, end: heading.position?.end.offset ?? start },
          ),
        );
      }
      previous = heading.depth;
      return;
    }
    if ("children" in node) for (const child of (node as Parent).children) walk(child as Nodes);
  };
  walk(parseMarkdown(chapter.markdown));
  return findings;
}

function lengthFindings(chapter: CheckedChapter): BookFinding[] {
  const words = countWords(chapter.markdown);
  if (words === 0) {
    return [finding({ ruleId: "empty-chapter", severity: "ERROR", message: "This chapter has no text" }, chapter)];
  }
  if (words < NEAR_EMPTY_WORDS) {
    return [
      finding(
        {
          ruleId: "near-empty-chapter",
          severity: "WARNING",
          message: `This chapter has only ${words} words (fewer than ${NEAR_EMPTY_WORDS})`,
        },
        chapter,
      ),
    ];
  }
  const budget = chapter.wordBudget;
  if (budget && budget > 0 && Math.abs(words - budget) / budget > BUDGET_TOLERANCE) {
    const percent = Math.round((Math.abs(words - budget) / budget) * 100);
    const direction = words > budget ? "over" : "under";
    return [
      finding(
        {
          ruleId: "word-budget",
          severity: "INFO",
          message: `This chapter has ${words} words, ${percent} % ${direction} its outline budget of ${budget}`,
        },
        chapter,
      ),
    ];
  }
  return [];
}

const normaliseTitle = (title: string) => title.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/** Every chapter whose title (case and spacing aside) an earlier chapter already has. */
function duplicateTitles(chapters: CheckedChapter[]): BookFinding[] {
  const firstByTitle = new Map<string, CheckedChapter>();
  const findings: BookFinding[] = [];
  for (const chapter of chapters) {
    const key = normaliseTitle(chapter.title);
    if (!key) continue;
    const first = firstByTitle.get(key);
    if (!first) {
      firstByTitle.set(key, chapter);
      continue;
    }
    findings.push({
      ...finding(
        {
          ruleId: "duplicate-chapter-title",
          severity: "WARNING",
          message: `This chapter has the same title as ${chapterName(first)}`,
        },
        chapter,
      ),
      original: chapter.title,
    });
  }
  return findings;
}

// ── Near-duplicate paragraphs ────────────────────────────────────────────────────────────────────────

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// Fixed odd multipliers and offsets: the 64 hash functions of the MinHash signature (deterministic runs).
const SEEDS = Array.from({ length: HASHES }, (_, i) => ({
  a: (fnv1a(`a${i}`) | 1) >>> 0,
  b: fnv1a(`b${i}`),
}));

function shingles(text: string): Set<number> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const set = new Set<number>();
  for (let i = 0; i + 2 < words.length; i++) set.add(fnv1a(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  return set;
}

function minHash(set: Set<number>): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const value of set) {
    for (let i = 0; i < HASHES; i++) {
      const seed = SEEDS[i]!;
      const hashed = (Math.imul(seed.a, value ^ seed.b) + seed.b) >>> 0;
      if (hashed < signature[i]!) signature[i] = hashed;
    }
  }
  return signature;
}

function jaccard(a: Set<number>, b: Set<number>): number {
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const value of small) if (large.has(value)) shared += 1;
  return shared / (a.size + b.size - shared);
}

interface Paragraph extends Passage {
  shingles: Set<number>;
}

/**
 * A paragraph of a later chapter that (nearly) repeats one of an earlier chapter: reported once, on the
 * later chapter, against its most similar earlier paragraph. Repeats within one chapter are not this rule.
 */
function nearDuplicateParagraphs(chapters: CheckedChapter[], segments: Map<string, ProseSegment[]>): BookFinding[] {
  const paragraphs: Paragraph[] = [];
  for (const chapter of chapters) {
    for (const segment of segments.get(chapter.id) ?? []) {
      if (countWords(segment.text) < DUPLICATE_MIN_WORDS) continue;
      const start = segment.toSource(0);
      const end = segment.toSourceEnd(segment.text.length);
      paragraphs.push({ chapter, start, end, shingles: shingles(segment.text) });
    }
  }
  const buckets = new Map<string, number[]>();
  const candidates = new Map<number, Set<number>>();
  for (const [index, paragraph] of paragraphs.entries()) {
    const signature = minHash(paragraph.shingles);
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${signature.subarray(band * ROWS, band * ROWS + ROWS).join(",")}`;
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [index]);
        continue;
      }
      for (const other of bucket) {
        if (paragraphs[other]!.chapter.id === paragraph.chapter.id) continue;
        const set = candidates.get(index) ?? new Set<number>();
        set.add(other);
        candidates.set(index, set);
      }
      bucket.push(index);
    }
  }
  const findings: BookFinding[] = [];
  for (const [index, others] of candidates) {
    const paragraph = paragraphs[index]!;
    let best: { other: Paragraph; similarity: number } | undefined;
    for (const other of others) {
      const similarity = jaccard(paragraph.shingles, paragraphs[other]!.shingles);
      if (similarity >= DUPLICATE_SIMILARITY && (!best || similarity > best.similarity)) {
        best = { other: paragraphs[other]!, similarity };
      }
    }
    if (!best) continue;
    findings.push(
      finding(
        {
          ruleId: "repeated-paragraph",
          severity: "WARNING",
          message: `This paragraph repeats one in ${chapterName(best.other.chapter)} (${Math.round(best.similarity * 100)} % the same)`,
        },
        paragraph.chapter,
        { start: paragraph.start, end: paragraph.end },
      ),
    );
  }
  return findings;
}

// ── Inconsistent spellings ───────────────────────────────────────────────────────────────────────────

interface Occurrence {
  chapter: CheckedChapter;
  start: number;
  end: number;
  surface: string;
}

const WORD = /\p{L}+(?:[-‐‑]\p{L}+)*/gu;
const spellingKey = (surface: string, variant: string) => surface.toLocaleLowerCase(variant).replace(/[-‐‑\s]+/g, "");
/** How a variant is told apart: its hyphens and spaces, not its case ("Email" at a sentence start is "email"). */
const variantOf = (surface: string, variant: string) => surface.toLocaleLowerCase(variant).replace(/[‐‑]/g, "-");

/**
 * The same word or name written several ways across the book: forms that are equal once hyphens, spaces and
 * case are removed ("e-mail"/"email", "co-operate"/"cooperate", "Jean-Marc"/"Jean Marc"). Two separate
 * words only count when both are capitalised (a name): "any one"/"anyone" and "may be"/"maybe" are
 * different words. Every use of a minority form is reported, with the book's most used form as suggestion
 * (a tie goes to the form used first).
 */
function inconsistentSpellings(
  chapters: CheckedChapter[],
  segments: Map<string, ProseSegment[]>,
  variant: string,
): BookFinding[] {
  const singles = new Map<string, Occurrence[]>();
  const namePairs = new Map<string, Occurrence[]>();
  const add = (map: Map<string, Occurrence[]>, key: string, occurrence: Occurrence) => {
    const list = map.get(key);
    if (list) list.push(occurrence);
    else map.set(key, [occurrence]);
  };
  for (const chapter of chapters) {
    for (const segment of segments.get(chapter.id) ?? []) {
      let previous: { match: RegExpExecArray } | undefined;
      for (const match of segment.text.matchAll(WORD)) {
        const at = match.index;
        const surface = match[0];
        const occurrence = (from: number, to: number, text: string): Occurrence => ({
          chapter,
          start: segment.toSource(from),
          end: segment.toSourceEnd(to),
          surface: text,
        });
        add(singles, spellingKey(surface, variant), occurrence(at, at + surface.length, surface));
        const before = previous?.match;
        if (
          before &&
          before.index + before[0].length + 1 === at &&
          segment.text[at - 1] === " " &&
          /^\p{Lu}/u.test(before[0]) &&
          /^\p{Lu}/u.test(surface)
        ) {
          const pair = `${before[0]} ${surface}`;
          add(namePairs, spellingKey(pair, variant), occurrence(before.index, at + surface.length, pair));
        }
        previous = { match };
      }
    }
  }

  const findings: BookFinding[] = [];
  for (const [key, list] of singles) {
    // Two-word names join the single forms of their key only when such a single form exists.
    const all = [...list, ...(namePairs.get(key) ?? [])];
    const counts = new Map<string, { count: number; first: number; surface: string }>();
    for (const [index, occurrence] of all.entries()) {
      const form = variantOf(occurrence.surface, variant);
      const entry = counts.get(form) ?? { count: 0, first: index, surface: occurrence.surface };
      entry.count += 1;
      counts.set(form, entry);
    }
    if (counts.size < 2) continue;
    const forms = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
    const [majorityForm, majority] = forms[0]!;
    for (const occurrence of all) {
      const form = variantOf(occurrence.surface, variant);
      if (form === majorityForm) continue;
      const suggestion = matchCase(majority.surface, occurrence.surface);
      // A source whose offsets could not be mapped exactly (escapes) is not anchored to a wrong passage.
      if (occurrence.chapter.markdown.slice(occurrence.start, occurrence.end) !== occurrence.surface) continue;
      findings.push(
        finding(
          {
            ruleId: "inconsistent-spelling",
            severity: "INFO",
            message: `“${occurrence.surface}” is also written “${majority.surface}” in this book (${majority.count} times, against ${counts.get(form)!.count}): pick one`,
          },
          occurrence.chapter,
          { start: occurrence.start, end: occurrence.end, suggestions: [suggestion] },
        ),
      );
    }
  }
  return findings.sort(
    (a, b) => (a.chapterId ?? "").localeCompare(b.chapterId ?? "") || a.startOffset! - b.startOffset!,
  );
}

/** The majority form, with a capital first letter when the replaced text had one (a sentence start). */
function matchCase(form: string, original: string): string {
  if (/^\p{Lu}/u.test(original) && /^\p{Ll}/u.test(form)) return form[0]!.toUpperCase() + form.slice(1);
  if (/^\p{Ll}/u.test(original) && /^\p{Lu}/u.test(form) && !/^\p{Lu}/u.test(form.slice(1))) {
    return form[0]!.toLowerCase() + form.slice(1);
  }
  return form;
}
