import { daleChall } from "dale-chall";
import type { Root as NlcstRoot, Paragraph, Sentence, Word } from "nlcst";
import { toString as nlcstToString } from "nlcst-to-string";
import retextEnglish from "retext-english";
import retextIndefiniteArticle from "retext-indefinite-article";
import retextIntensify from "retext-intensify";
import retextLatin from "retext-latin";
import retextPassive from "retext-passive";
import retextReadability from "retext-readability";
import retextRepeatedWords from "retext-repeated-words";
import retextSimplify from "retext-simplify";
import { spache } from "spache";
import { type Processor, unified } from "unified";
import type { ChapterChecker, CheckContext, Finding, FindingSeverity, FindingType, LanguageVariant } from "./checker";
import { type ProseSegment, proseSegments } from "./prose-segments-for-style";

/**
 * Style checks (checker id "retext") with the retext plugins made for them, plus three rules computed on
 * the same retext tree: long sentences, repeated sentence openings and overused words. Style is advice, so
 * nothing here is ever an ERROR.
 *
 * English runs every plugin. French parses with retext-latin and runs only what does not depend on
 * English: retext-repeated-words (a doubled word is a doubled word) and the computed rules (sentence
 * length, openings, overuse with a French stopword list). retext-passive, -simplify, -intensify and
 * -indefinite-article carry English word lists, and retext-readability's seven formulas are calibrated on
 * English syllables and word lists, so none of them runs on French.
 */

/**
 * retext-readability settings: a sentence is reported only when 5 of the 7 formulas agree it needs a
 * reading age above 18 (the defaults, 4 of 7 above 16, flag ordinary literary sentences). Sentences under
 * 10 words are skipped: one long word skews every formula on a short sentence.
 */
export const READABILITY = { age: 18, threshold: 5 / 7, minWords: 10 } as const;
/** A sentence longer than this many words is reported (both languages), unless readability already did. */
export const LONG_SENTENCE_WORDS = 45;
/** This many consecutive sentences opening with the same word are reported (on the last of them). */
export const REPEATED_OPENINGS = 3;
/**
 * Overused word rule: in a chapter of at least OVERUSE_MIN_WORDS words, a word that is not a stopword, has
 * at least 4 letters, is not a name (capitalised in most of its uses, or one of the book's names) and is
 * used at least OVERUSE_MIN_COUNT times making up more than OVERUSE_RATE of the chapter's words. Ordinary
 * content words stay well under 0.5 %; 1.5 % is a word the reader will notice. A book's own subject can pass
 * that rate in every chapter: such findings are INFO and a dismissal survives re-checks.
 */
export const OVERUSE_MIN_WORDS = 400;
export const OVERUSE_MIN_COUNT = 6;
export const OVERUSE_RATE = 0.015;
/** At most this many overused words are reported per chapter (the most overused first). */
export const OVERUSE_MAX_REPORTS = 3;
/**
 * Wordy phrases and weak words are reported at most this many times per phrase and chapter: the writer gets
 * the point from the first few, and a chapter that says "it is" sixty times should not bury everything else.
 */
export const MAX_REPORTS_PER_PHRASE = 3;
/**
 * retext-intensify's weasel list also holds ordinary words of quantity, frequency and judgement that books
 * use plainly ("about", "often", "many", "better"); they are not weak intensifiers and are not reported.
 * Its "hedge" rule (will, would, could, consider, appear…) is left out entirely: hedging is normal in
 * narrative and instructional prose, and it flagged one word in twenty of ordinary text.
 */
const INTENSIFY_IGNORE = [
  "about",
  "often",
  "better",
  "best",
  "useful",
  "many",
  "most",
  "some",
  "several",
  "few",
  "various",
  "largely",
  "mostly",
  "usually",
  "generally",
  "clear",
  "clearly",
  "significant",
  "significantly",
  "interesting",
  // Modal verbs: hedges as often as not, and the hedge rule is off.
  "can",
  "could",
  "would",
  "should",
  "may",
  "might",
  "must",
  "will",
];

const CHECKER = "retext";

// Function words: frequent everywhere, so never "overused".
const STOPWORDS_EN = new Set(
  `about above after again against all also although among another any anyone anything around because been
  before being below between both could didn't does doesn't doing done down during each either enough even
  ever every from further have having here hers herself himself into itself just like many might more most
  much must myself neither never nothing once only other ought ours ourselves over own rather said same
  says shall should since some something still such than that that's their theirs them themselves then
  there these they thing things this those though through thus till too under until upon very want wanted
  were what when where whether which while whom whose will with within without would yet your yours
  yourself yourselves back came come could down going know knew look looked made make only seemed still
  thought time told took well went away again toward towards across behind beside maybe perhaps really`.split(/\s+/),
);
const STOPWORDS_FR = new Set(
  `alors aucun aussi autre autres avant avec avoir bien celle celles celui cela ceci cette ceux chaque chez
  comme comment dans depuis donc dont elle elles encore entre est été être fait faire fois leur leurs lors
  lorsque mais même mêmes moins notre nous nôtre parce par pour pourquoi quand quel quelle quelles quels
  sans selon sera seront seulement sont sous suis tandis tant tous tout toute toutes très vers votre vous
  était étaient avait avaient avons avez ont peut pouvait plus puis rien sera soit sommes leur déjà aussi
  ainsi après auprès autour chose choses celui-ci celle-ci quelque quelques voilà voici elle-même lui-même`.split(
    /\s+/,
  ),
);

type Tree = NlcstRoot;

interface PluginRule {
  type: FindingType;
  severity: FindingSeverity;
  ruleId: (ruleId: string) => string;
}

// How each plugin's messages become findings. a/an and doubled words are grammar slips, the rest style.
const PLUGIN_RULES: Record<string, PluginRule> = {
  "retext-indefinite-article": { type: "GRAMMAR", severity: "WARNING", ruleId: () => "retext-indefinite-article" },
  "retext-repeated-words": { type: "GRAMMAR", severity: "WARNING", ruleId: () => "retext-repeated-words" },
  "retext-readability": { type: "STYLE", severity: "WARNING", ruleId: () => "retext-readability" },
  "retext-passive": { type: "STYLE", severity: "INFO", ruleId: () => "retext-passive" },
  "retext-simplify": { type: "STYLE", severity: "INFO", ruleId: (rule) => `retext-simplify:${rule}` },
  "retext-intensify": { type: "STYLE", severity: "INFO", ruleId: (rule) => `retext-intensify:${rule}` },
};
// When several plugins flag the same words ("very" is wordy, weasel and maybe doubled), the first kept wins.
const PLUGIN_PRIORITY = Object.keys(PLUGIN_RULES);

/**
 * retext-readability 8 looks every word of every sentence up in its two lists of easy words (Dale–Chall,
 * about 2,950 words, and Spache, about 1,000) with `Array#includes`: a linear scan per word, which made it
 * the costliest step of the English check (about a third of the style pass). The lists are the modules
 * the plugin imports (the same instances: one copy of each is installed); their `includes` answers from a
 * Set of the same words, so every verdict — and every finding — is unchanged, only faster.
 */
function lookUpInASet(list: readonly string[]): void {
  if (Object.hasOwn(list, "includes")) return;
  const words = new Set(list);
  Object.defineProperty(list, "includes", { value: (word: string) => words.has(word) });
}

let englishProcessor: Processor<Tree, Tree, Tree> | undefined;
let englishStyleOnlyProcessor: Processor<Tree, Tree, Tree> | undefined;
let frenchProcessor: Processor<Tree, Tree, Tree> | undefined;

// Frozen processors are reusable; building them once per process keeps per-chapter cost to the parse.
function processorFor(variant: LanguageVariant, englishGrammar: boolean): Processor<Tree, Tree, Tree> {
  if (variant === "fr-FR") {
    frenchProcessor ??= unified().use(retextLatin).use(retextRepeatedWords).freeze() as unknown as Processor<
      Tree,
      Tree,
      Tree
    >;
    return frenchProcessor;
  }
  lookUpInASet(daleChall);
  lookUpInASet(spache);
  const styleOnly = () =>
    unified()
      .use(retextEnglish)
      .use(retextReadability, READABILITY)
      .use(retextPassive)
      .use(retextSimplify)
      .use(retextIntensify, { ignore: INTENSIFY_IGNORE });
  if (!englishGrammar) {
    englishStyleOnlyProcessor ??= styleOnly().freeze() as unknown as Processor<Tree, Tree, Tree>;
    return englishStyleOnlyProcessor;
  }
  englishProcessor ??= styleOnly()
    .use(retextIndefiniteArticle)
    .use(retextRepeatedWords)
    .freeze() as unknown as Processor<Tree, Tree, Tree>;
  return englishProcessor;
}

interface PluginMessage {
  source?: string | null;
  ruleId?: string | null;
  reason: string;
  actual?: string | null;
  expected?: string[] | null;
  place?: { start?: { offset?: number }; end?: { offset?: number }; offset?: number } | null;
}

function runProcessor(
  processor: Processor<Tree, Tree, Tree>,
  text: string,
): Promise<{ tree: Tree; messages: PluginMessage[] }> {
  const tree = processor.parse(text);
  return new Promise((resolve, reject) => {
    // The callback form hands back the file (and so the messages) without importing vfile ourselves.
    processor.run(tree, text, (error, result, file) => {
      if (error || !result || !file) reject(error ?? new Error("retext produced no tree"));
      else resolve({ tree: result as Tree, messages: file.messages as unknown as PluginMessage[] });
    });
  });
}

/** The chapter's prose as one text (segments joined by blank lines) and the way back to the source. */
class JoinedProse {
  readonly text: string;
  private readonly starts: number[] = [];

  constructor(
    private readonly markdown: string,
    private readonly segments: ProseSegment[],
  ) {
    let at = 0;
    const parts: string[] = [];
    for (const segment of segments) {
      this.starts.push(at);
      parts.push(segment.text);
      at += segment.text.length + 2;
    }
    this.text = parts.join("\n\n");
  }

  /** [start, end) in the joined text → [start, end) in the Markdown source, or undefined across segments. */
  toSource(start: number, end: number): [number, number] | undefined {
    if (end <= start) return undefined;
    const index = this.segmentAt(start);
    if (index !== this.segmentAt(end - 1)) return undefined;
    const segment = this.segments[index]!;
    const base = this.starts[index]!;
    const sourceStart = segment.toSource(start - base);
    // The end maps through the last character so it does not land after a closing ** or link bracket.
    const sourceEnd = segment.toSourceEnd(end - base);
    return sourceEnd > sourceStart ? [sourceStart, sourceEnd] : undefined;
  }

  finding(
    start: number,
    end: number,
    fields: Omit<Finding, "startOffset" | "endOffset" | "original" | "checker">,
  ): Finding | undefined {
    const range = this.toSource(start, end);
    if (!range) return undefined;
    return {
      ...fields,
      checker: CHECKER,
      original: this.markdown.slice(range[0], range[1]),
      startOffset: range[0],
      endOffset: range[1],
    };
  }

  private segmentAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

function startOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}
function endOf(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

function sentencesOf(tree: Tree): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== "ParagraphNode") continue;
    for (const child of (paragraph as Paragraph).children) if (child.type === "SentenceNode") sentences.push(child);
  }
  return sentences;
}

function wordsOf(sentence: Sentence): Word[] {
  return sentence.children.filter((child): child is Word => child.type === "WordNode");
}

export interface StyleCheckerOptions {
  /**
   * Whether English runs retext-indefinite-article and retext-repeated-words (default true). The registry
   * turns them off: harper's AnA and RepeatedWords rules report the same slips in English (the registry
   * kept harper's finding and dropped retext's as a duplicate), and the two plugins cost about as much
   * CPU time as the whole spelling pass of a book. French keeps retext-repeated-words (harper is English only).
   */
  englishGrammar?: boolean;
}

export function createStyleChecker(options: StyleCheckerOptions = {}): ChapterChecker {
  const englishGrammar = options.englishGrammar ?? true;
  return {
    id: CHECKER,
    supports: () => true,
    async check(markdown: string, context: CheckContext): Promise<Finding[]> {
      const prose = new JoinedProse(markdown, proseSegments(markdown));
      if (!prose.text.trim()) return [];
      context.signal?.throwIfAborted();
      const { tree, messages } = await runProcessor(processorFor(context.variant, englishGrammar), prose.text);
      context.signal?.throwIfAborted();

      const findings: Finding[] = [];
      const taken = new Set<string>();
      const keep = (finding: Finding | undefined) => {
        if (!finding) return;
        const key = `${finding.startOffset}:${finding.endOffset}`;
        if (taken.has(key)) return;
        taken.add(key);
        findings.push(finding);
      };

      const ordered = [...messages].sort(
        (a, b) => PLUGIN_PRIORITY.indexOf(a.source ?? "") - PLUGIN_PRIORITY.indexOf(b.source ?? ""),
      );
      const hardSentences = new Set<number>();
      const reportsPerPhrase = new Map<string, number>();
      for (const message of ordered) {
        const rule = PLUGIN_RULES[message.source ?? ""];
        const start = message.place?.start?.offset;
        const end = message.place?.end?.offset;
        if (!rule || start === undefined || end === undefined) continue;
        if (message.source === "retext-intensify" && message.ruleId === "hedge") continue;
        if (message.source === "retext-simplify" || message.source === "retext-intensify") {
          const phrase = `${message.source}:${(message.actual ?? "").toLowerCase()}`;
          const seen = (reportsPerPhrase.get(phrase) ?? 0) + 1;
          reportsPerPhrase.set(phrase, seen);
          if (seen > MAX_REPORTS_PER_PHRASE) continue;
        }
        if (message.source === "retext-readability") hardSentences.add(start);
        keep(
          prose.finding(start, end, {
            type: rule.type,
            severity: rule.severity,
            ruleId: rule.ruleId(message.ruleId ?? ""),
            message: message.reason,
            // An empty `expected` ("remove it") is not a mechanical replacement we can apply cleanly.
            suggestions: (message.expected ?? []).filter((value) => value.trim() !== ""),
          }),
        );
      }

      const sentences = sentencesOf(tree);
      for (const finding of longSentences(sentences, hardSentences, prose)) keep(finding);
      for (const finding of repeatedOpenings(sentences, prose, context.variant)) keep(finding);
      for (const finding of overusedWords(sentences, prose, context)) keep(finding);
      return findings.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
    },
  };
}

function* longSentences(sentences: Sentence[], alreadyHard: Set<number>, prose: JoinedProse) {
  for (const sentence of sentences) {
    const count = wordsOf(sentence).length;
    if (count <= LONG_SENTENCE_WORDS || alreadyHard.has(startOf(sentence))) continue;
    yield prose.finding(startOf(sentence), endOf(sentence), {
      type: "STYLE",
      severity: "INFO",
      ruleId: "long-sentence",
      message: `This sentence has ${count} words (more than ${LONG_SENTENCE_WORDS}): consider splitting it`,
      suggestions: [],
    });
  }
}

function* repeatedOpenings(sentences: Sentence[], prose: JoinedProse, variant: LanguageVariant) {
  let previous = "";
  let run = 0;
  for (const sentence of sentences) {
    const first = wordsOf(sentence)[0];
    const word = first ? nlcstToString(first).toLocaleLowerCase(variant) : "";
    run = word && word === previous ? run + 1 : 1;
    previous = word;
    if (first && run === REPEATED_OPENINGS) {
      yield prose.finding(startOf(first), endOf(first), {
        type: "STYLE",
        severity: "INFO",
        ruleId: "repeated-sentence-opening",
        message: `${REPEATED_OPENINGS} sentences in a row start with “${nlcstToString(first)}”: vary the openings`,
        suggestions: [],
      });
    }
  }
}

function* overusedWords(sentences: Sentence[], prose: JoinedProse, context: CheckContext) {
  const stopwords = context.variant === "fr-FR" ? STOPWORDS_FR : STOPWORDS_EN;
  const uses = new Map<string, { first: Word; count: number; capitalised: number }>();
  let total = 0;
  for (const sentence of sentences) {
    for (const [index, word] of wordsOf(sentence).entries()) {
      const text = nlcstToString(word);
      if (!/\p{L}/u.test(text)) continue;
      total += 1;
      // French elisions (l'homme, c'est, qu'il) count as the word after the apostrophe.
      const lower = text.toLocaleLowerCase(context.variant);
      const key = context.variant === "fr-FR" ? lower.replace(/^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]/, "") : lower;
      if (key.length < 4 || stopwords.has(key) || context.bookNames.has(text)) continue;
      const entry = uses.get(key) ?? { first: word, count: 0, capitalised: 0 };
      entry.count += 1;
      // Capitals at a sentence start say nothing; mid-sentence they mark a name.
      if (index > 0 && /^\p{Lu}/u.test(text)) entry.capitalised += 1;
      uses.set(key, entry);
    }
  }
  if (total < OVERUSE_MIN_WORDS) return;
  const overused = [...uses.entries()]
    .filter(([, entry]) => entry.count >= OVERUSE_MIN_COUNT && entry.count / total > OVERUSE_RATE)
    .filter(([, entry]) => entry.capitalised * 2 < entry.count)
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, OVERUSE_MAX_REPORTS);
  for (const [key, entry] of overused) {
    const percent = ((entry.count / total) * 100).toFixed(1);
    yield prose.finding(startOf(entry.first), endOf(entry.first), {
      type: "STYLE",
      severity: "INFO",
      ruleId: "overused-word",
      message: `“${key}” is used ${entry.count} times in this chapter (${percent} % of its words): vary it or cut some`,
      suggestions: [],
    });
  }
}
