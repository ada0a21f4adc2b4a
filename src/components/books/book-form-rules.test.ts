import { describe, expect, it } from "vitest";
import { en } from "@/i18n/messages/en";
import { fr } from "@/i18n/messages/fr";
import { createTranslator } from "@/i18n/translate";
import { createBookInput } from "@/contracts/book-inputs";
import { type BookField, type BookFormValues, bookFormBody, validateBookFields } from "./book-form-rules";

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
};

// Each case changes one field of a valid form; the wizard and the API must agree on whether it passes.
const cases: [string, Partial<BookFormValues>][] = [
  ["the defaults", {}],
  ["an empty title", { title: "   " }],
  ["a 200-character title", { title: "x".repeat(200) }],
  ["a 201-character title", { title: "x".repeat(201) }],
  ["a two-letter topic", { topic: "ab" }],
  ["a three-letter topic", { topic: "abc" }],
  ["a two-letter goal", { goal: "ab" }],
  ["a 2001-character goal", { goal: "g".repeat(2001) }],
  ["a 501-character audience", { audience: "a".repeat(501) }],
  ["a 201-character tone", { tone: "t".repeat(201) }],
  ["French", { language: "fr" }],
  ["0 chapters", { targetChapters: "0" }],
  ["51 chapters", { targetChapters: "51" }],
  ["2.5 chapters", { targetChapters: "2.5" }],
  ["no chapter count", { targetChapters: "" }],
  ["499 words", { targetWords: "499" }],
  ["500 words", { targetWords: "500", targetChapters: "5" }],
  ["200,001 words", { targetWords: "200001" }],
  ["fewer than 100 words per chapter", { targetChapters: "6", targetWords: "550" }],
  ["exactly 100 words per chapter", { targetChapters: "6", targetWords: "600" }],
  ["words that are not a number", { targetWords: "lots" }],
];

describe("validateBookFields", () => {
  it.each(cases)("agrees with the API's createBookInput on %s", (_name, change) => {
    const values = { ...valid, ...change };
    const clientOk = Object.keys(validateBookFields(values, all, t, engines)).length === 0;
    const serverOk = createBookInput.safeParse(bookFormBody(values)).success;
    expect(clientOk).toBe(serverOk);
  });

  it("names the field at fault, in the reader's language", () => {
    const values = { ...valid, targetChapters: "6", targetWords: "550" };
    expect(validateBookFields(values, all, t, engines)).toEqual({
      targetWords: "Allow at least 100 words per chapter (600 for 6 chapters).",
    });
    expect(validateBookFields(values, ["targetWords"], createTranslator(fr), engines).targetWords).toBe(
      "Prévoyez au moins 100 mots par chapitre (600 pour 6 chapitres).",
    );
  });

  it("only checks the fields of the current step", () => {
    const values = { ...valid, title: "", targetWords: "1" };
    expect(Object.keys(validateBookFields(values, ["targetChapters", "targetWords"], t, engines))).toEqual([
      "targetWords",
    ]);
  });

  it("refuses an engine the organization does not offer", () => {
    expect(validateBookFields({ ...valid, engine: "crewai" }, ["engine"], t, engines).engine).toBe(
      en.books.wizard.validation.engine,
    );
  });
});
