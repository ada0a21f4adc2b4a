import { describe, expect, it } from "vitest";
import { z } from "zod";
import { updateBookInput } from "@/contracts/book-inputs";
import { en } from "@/i18n/messages/en";
import { fr } from "@/i18n/messages/fr";
import { createTranslator } from "@/i18n/translate";
import { fieldErrors, fieldIssues, issueText, serverFieldIssue } from "./field-issues";
import { issueMessage } from "@/i18n/validation/message-for";

const sayEn = (issue: Parameters<typeof issueMessage>[0]) => issueMessage(issue, "en");
const sayFr = (issue: Parameters<typeof issueMessage>[0]) => issueMessage(issue, "fr");

const t = createTranslator(en);

describe("fieldIssues", () => {
  it("keeps the first issue of each asked field, in the order asked", () => {
    const schema = z.object({
      a: z.string().min(2, "short a").regex(/^a/, "starts with a"),
      b: z.number("b is a number"),
    });
    const issues = fieldIssues(schema, { a: "x", b: "y" }, ["b", "a"]);
    expect(Object.keys(issues)).toEqual(["b", "a"]);
    expect(issues.a?.message).toBe("short a");
    expect(fieldIssues(schema, { a: "x", b: "y" }, ["b"])).not.toHaveProperty("a");
    expect(fieldIssues(schema, { a: "ab", b: 1 }, ["a", "b"])).toEqual({});
  });
});

describe("issueText", () => {
  it("words the book brief's fields with the UI catalog, in the reader's language", () => {
    const found = fieldErrors(updateBookInput, { title: " ", topic: "ab" }, ["title", "topic"], t, sayEn);
    expect(found).toEqual({ title: en.books.wizard.validation.title, topic: en.books.wizard.validation.topic });
    const french = fieldErrors(updateBookInput, { title: " " }, ["title"], createTranslator(fr), sayFr);
    expect(french.title).toBe(fr.books.wizard.validation.title);
  });

  it("words a field the server refused like the same field checked here", () => {
    expect(issueText(serverFieldIssue("language", "Choose English (en) or French (fr)"), t, sayEn)).toBe(
      en.books.details.languageInvalid,
    );
    expect(issueText(serverFieldIssue("title", "Enter a title"), t, sayEn)).toBe(en.books.wizard.validation.title);
  });

  it("falls back on the schema's own message for other fields", () => {
    expect(issueText(serverFieldIssue("slug", "Use lowercase letters"), t, sayEn)).toBe("Use lowercase letters");
  });
});
