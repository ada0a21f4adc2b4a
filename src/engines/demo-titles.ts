import type { BookLanguage } from "./writing-engine";

/**
 * Turns a free-text topic into the demo engine's opening chapter title and the phrase its prose talks
 * about. The topic is never cut mid-phrase: a long topic is shortened only at a clause boundary, and when
 * no clean clause exists a neutral phrase stands in for it. Deterministic (pure string work).
 */

/** Topics longer than this (in words) are shortened to their first clause, or replaced. */
const MAX_TOPIC_WORDS = 12;
/** Keeps the title well under the outline's 200-character limit, whatever the words look like. */
const MAX_TOPIC_CHARACTERS = 90;

/** Words a title must not end on once we have cut it, and that English title case leaves in lower case. */
const EN_MINOR_WORDS = new Set(
  "a an the and but or nor for so yet as at by in of off on onto per to up via with from into over than vs".split(" "),
);
const FR_DANGLING_WORDS = new Set(
  "le la les l' un une des du de d' à au aux et ou mais pour par sur sous dans avec sans en vers chez entre".split(" "),
);
const EN_QUESTION_WORDS = new Set(
  "how why what when where who whom whose which can could should would will is are do does did".split(" "),
);
const FR_QUESTION_WORDS = new Set(
  "comment pourquoi quand où qui que quoi quel quelle quels quelles combien est-ce faut-il peut-on".split(" "),
);

/** Opening words that are never names, so prose may lower-case them mid-sentence. */
const EN_OPENING_WORDS = new Set([...EN_QUESTION_WORDS, "a", "an", "the", "this", "these", "our", "your", "my"]);
const FR_OPENING_WORDS = new Set([
  ...FR_QUESTION_WORDS,
  "le",
  "la",
  "les",
  "un",
  "une",
  "des",
  "ce",
  "cette",
  "ces",
  "nos",
  "vos",
]);

interface TopicPhrase {
  /** The words of the (possibly shortened) topic, trailing punctuation removed; empty when unusable. */
  text: string;
  /** The topic asks a question (starts with an interrogative or ended with "?"). */
  isQuestion: boolean;
  /** The topic ended with a question mark, so the title may keep one. */
  hasQuestionMark: boolean;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function bareWord(word: string): string {
  return word.toLocaleLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'’-]+$/gu, "");
}

function endsOnDanglingWord(text: string, language: BookLanguage): boolean {
  const last = bareWord(words(text).at(-1) ?? "");
  return language === "fr" ? FR_DANGLING_WORDS.has(last) || /^[ldj]['’]$/.test(last) : EN_MINOR_WORDS.has(last);
}

function fitsInTitle(text: string): boolean {
  const count = words(text).length;
  return count >= 1 && count <= MAX_TOPIC_WORDS && text.length <= MAX_TOPIC_CHARACTERS && /\p{L}/u.test(text);
}

/** The topic, or its first clause when it is too long; `text` is empty when neither reads cleanly. */
export function topicPhrase(topic: string, language: BookLanguage): TopicPhrase {
  const normalized = topic.replace(/\s+/g, " ").trim();
  const hasQuestionMark = /[?？]\s*$/.test(normalized);
  const strip = (text: string) => text.replace(/[\s.,;:!?？…]+$/u, "").trim();
  let text = strip(normalized);
  if (!fitsInTitle(text)) {
    // First clause: up to a comma, semicolon, colon, dash, parenthesis or the end of a sentence. A cut
    // that leaves a preposition or article hanging ("the towns we grew up in") is no title either.
    const clause = strip(text.split(/\s*[,;:(–—]\s*|\s+-\s+|[.!?]\s+/)[0] ?? "");
    text = fitsInTitle(clause) && !endsOnDanglingWord(clause, language) ? clause : "";
  }
  const questionWords = language === "fr" ? FR_QUESTION_WORDS : EN_QUESTION_WORDS;
  const first = bareWord(words(text)[0] ?? "");
  const isQuestion = text !== "" && (hasQuestionMark || questionWords.has(first) || first.startsWith("qu'"));
  return { text, isQuestion, hasQuestionMark: hasQuestionMark && isQuestion };
}

/** A word the writer capitalised on purpose (an acronym, a brand, a name inside the phrase). */
function hasDeliberateCapitals(word: string): boolean {
  return /\p{Lu}/u.test(word.slice(1));
}

function capitalize(word: string): string {
  return word.replace(/\p{L}/u, (letter) => letter.toLocaleUpperCase());
}

/**
 * English headline-style title case: every word capitalised except articles, coordinating conjunctions and
 * short prepositions, which stay lower case unless they open or close the title. Words the writer already
 * capitalised inside (NASA, iPhone) are kept as written.
 */
export function englishTitleCase(text: string): string {
  const list = words(text);
  return list
    .map((word, index) => {
      if (hasDeliberateCapitals(word)) return word;
      const isEdge = index === 0 || index === list.length - 1;
      const lower = word.toLocaleLowerCase();
      if (!isEdge && EN_MINOR_WORDS.has(bareWord(word))) return lower;
      return lower.split("-").map(capitalize).join("-");
    })
    .join(" ");
}

/** French titles take a capital on their first word only (the rest keeps the writer's own capitals). */
export function frenchSentenceCase(text: string): string {
  return capitalize(text);
}

/** The opening chapter's title: the topic as a title, followed by what is at stake. */
export function openingChapterTitle(topic: string, language: BookLanguage): string {
  const phrase = topicPhrase(topic, language);
  if (language === "fr") {
    if (!phrase.text) return "Pourquoi ce sujet compte";
    const subject = frenchSentenceCase(phrase.text);
    return phrase.hasQuestionMark ? `${subject} ? Les enjeux` : `${subject} : les enjeux`;
  }
  if (!phrase.text) return "Why This Subject Matters";
  const subject = englishTitleCase(phrase.text);
  // A question already asks "how" or "why": a second interrogative after it would read as a stammer.
  const stakes = phrase.isQuestion ? "The Stakes" : "Why It Matters";
  return phrase.hasQuestionMark ? `${subject}? ${stakes}` : `${subject}: ${stakes}`;
}

/** How the placeholder prose refers to the topic inside a sentence ("a simple question about …"). */
export function topicInProse(topic: string, language: BookLanguage): string {
  const phrase = topicPhrase(topic, language);
  if (!phrase.text) return language === "fr" ? "ce sujet" : "this subject";
  const [first = "", ...rest] = words(phrase.text);
  // "How towns adapt" reads "… about how towns adapt"; any other capital may be a name, so it stays.
  const opensWithCommonWord = (language === "fr" ? FR_OPENING_WORDS : EN_OPENING_WORDS).has(bareWord(first));
  const lowered = opensWithCommonWord && !hasDeliberateCapitals(first) ? first.toLocaleLowerCase() : first;
  return [lowered, ...rest].join(" ");
}
