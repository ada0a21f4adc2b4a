import { describe, expect, it } from "vitest";
import { createBookInput } from "@/contracts/book-inputs";
import { en } from "@/i18n/messages/en";
import { fr } from "@/i18n/messages/fr";
import { createTranslator, formatMessage } from "@/i18n/translate";
import { issueMessage } from "@/i18n/validation/message-for";
import { type BookField, type BookFormValues, bookFormBody, checkWizardFields } from "./wizard-fields";

const sayEn = (issue: Parameters<typeof issueMessage>[0]) => issueMessage(issue, "en");
const sayFr = (issue: Parameters<typeof issueMessage>[0]) => issueMessage(issue, "fr");

const t = createTranslator(en);
const engines = [{ id: "demo", label: "Demo", isDemo: true }];
const all: BookField[] = [
  "title",
  "topic",
  "goal",
  "audience",
  "language",
  "tone",
  "targetChapters",
  "targetWords",
  "engine",
];
const valid: BookFormValues = {
  title: "The Quiet Garden",
  topic: "Balcony vegetables",
  goal: "Harvest in one season",
  audience: "",
  language: "en",
  tone: "",
  targetChapters: "5",
  targetWords: "5000",
  engine: "demo",
  reviewPlan: "",
};
const v = en.books.wizard.validation;

// Each case changes one field of a valid form: the field the wizard blames, and the sentence it shows.
const cases: [string, Partial<BookFormValues>, Partial<Record<BookField, string>>][] = [
  ["the defaults", {}, {}],
  ["an empty title", { title: "   " }, { title: v.title }],
  ["a 200-character title", { title: "x".repeat(200) }, {}],
  ["a 201-character title", { title: "x".repeat(201) }, { title: v.title }],
  ["a two-letter topic", { topic: "ab" }, { topic: v.topic }],
  ["a three-letter topic", { topic: "abc" }, {}],
  ["a two-letter goal", { goal: "ab" }, { goal: v.goal }],
  ["a 2001-character goal", { goal: "g".repeat(2001) }, { goal: v.goal }],
  ["a 501-character audience", { audience: "a".repeat(501) }, { audience: v.audience }],
  ["a 201-character tone", { tone: "t".repeat(201) }, { tone: v.tone }],
  ["French", { language: "fr" }, {}],
  ["0 chapters", { targetChapters: "0" }, { targetChapters: v.chapters }],
  [
    "51 chapters (too many, and too few words for them)",
    { targetChapters: "51" },
    { targetChapters: v.chapters, targetWords: formatMessage(v.wordsPerChapter, { min: 5100, chapters: 51 }) },
  ],
  ["2.5 chapters", { targetChapters: "2.5" }, { targetChapters: v.chapters }],
  ["no chapter count", { targetChapters: "" }, { targetChapters: v.chapters }],
  ["499 words", { targetWords: "499" }, { targetWords: v.words }],
  ["500 words", { targetWords: "500", targetChapters: "5" }, {}],
  ["200,001 words", { targetWords: "200001" }, { targetWords: v.words }],
  [
    "fewer than 100 words per chapter",
    { targetChapters: "6", targetWords: "550" },
    { targetWords: formatMessage(v.wordsPerChapter, { min: 600, chapters: 6 }) },
  ],
  ["exactly 100 words per chapter", { targetChapters: "6", targetWords: "600" }, {}],
  ["words that are not a number", { targetWords: "lots" }, { targetWords: v.words }],
];

describe("checkWizardFields", () => {
  it.each(cases)("explains %s next to the right field", (_name, change, expected) => {
    const values = { ...valid, ...change };
    expect(checkWizardFields(values, all, t, sayEn, engines)).toEqual(expected);
    // The same schema decides on the server: the body the wizard sends passes exactly when the wizard is happy.
    expect(createBookInput.safeParse(bookFormBody(values)).success).toBe(Object.keys(expected).length === 0);
  });

  it("speaks the reader's language", () => {
    const values = { ...valid, targetChapters: "6", targetWords: "550" };
    expect(checkWizardFields(values, ["targetWords"], createTranslator(fr), sayFr, engines).targetWords).toBe(
      "Prévoyez au moins 100 mots par chapitre (600 pour 6 chapitres).",
    );
    expect(checkWizardFields({ ...valid, title: "" }, ["title"], createTranslator(fr), sayFr, engines).title).toBe(
      fr.books.wizard.validation.title,
    );
  });

  it("only checks the fields of the current step", () => {
    const values = { ...valid, title: "", targetWords: "1" };
    expect(Object.keys(checkWizardFields(values, ["targetChapters", "targetWords"], t, sayEn, engines))).toEqual([
      "targetWords",
    ]);
  });

  it("refuses an engine the organization does not offer", () => {
    expect(checkWizardFields({ ...valid, engine: "crewai" }, ["engine"], t, sayEn, engines).engine).toBe(v.engine);
    expect(checkWizardFields({ ...valid, engine: "crewai" }, ["title"], t, sayEn, engines)).toEqual({});
  });
});
