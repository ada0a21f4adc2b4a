import { describe, expect, it } from "vitest";
import { en } from "@/i18n/messages/en";
import { fr } from "@/i18n/messages/fr";
import { createTranslator } from "@/i18n/translate";
import { describeRevision } from "./revision-summary";

const tEn = createTranslator(en);
const tFr = createTranslator(fr);

describe("describeRevision", () => {
  it("names the one edited chapter, what changed in it and the words added", () => {
    const changes = {
      kind: "chapter.updated",
      chapters: [{ id: "c1", order: 2, title: "Roots", fields: ["title", "content"] }],
      fields: [],
      wordsDelta: 1234,
    };
    expect(describeRevision(changes, tEn, "en")).toEqual({
      summary: "Chapter 2 edited: “Roots”",
      detail: "Changed: title and text",
      words: "+1,234 words",
    });
    expect(describeRevision(changes, tFr, "fr")).toEqual({
      summary: "Chapitre 2 modifié : « Roots »",
      detail: "Modifié : titre et texte",
      words: `+${new Intl.NumberFormat("fr").format(1234)} mots`,
    });
  });

  it("lists the book fields of a details edit and counts words removed", () => {
    const changes = { kind: "book.updated", chapters: [], fields: ["title", "language"], wordsDelta: -3 };
    expect(describeRevision(changes, tEn, "en")).toEqual({
      summary: "Details changed: title and language",
      detail: null,
      words: "−3 words",
    });
  });

  it("counts the corrections a revision applied", () => {
    const changes = { kind: "corrections.applied", corrections: ["a", "b"], wordsDelta: 0 };
    expect(describeRevision(changes, tEn, "en").summary).toBe("Corrections applied: 2");
    expect(describeRevision(changes, tFr, "fr").summary).toBe("Corrections appliquées : 2");
  });

  it("says which version a restore copied, and that the first version was written by the engine", () => {
    expect(describeRevision({ kind: "revision.restored", restoredFrom: "1.2", wordsDelta: 0 }, tEn, "en")).toEqual({
      summary: "Version 1.2 restored",
      detail: null,
      words: null,
    });
    expect(describeRevision({ kind: "generated" }, tEn, "en").summary).toBe("Written by the engine");
  });

  it("counts several edited chapters, and falls back for unknown or missing changes", () => {
    const two = [
      { id: "a", order: 1, title: "A", fields: ["content"] },
      { id: "b", order: 2, title: "B", fields: ["content"] },
    ];
    expect(describeRevision({ kind: "chapter.updated", chapters: two }, tEn, "en").summary).toBe("2 chapters edited");
    expect(describeRevision({ kind: "chapters.reordered" }, tEn, "en").summary).toBe("Chapters rearranged");
    expect(describeRevision({ kind: "something.new" }, tEn, "en").summary).toBe("Book changed");
    expect(describeRevision(null, tEn, "en").summary).toBe("Book changed");
  });

  it("shows words inserted and deleted when the revision counted them, and a chapter restore with its source", () => {
    const changes = {
      kind: "chapter.restored",
      restoredFrom: "1.0",
      restoredChapter: 2,
      chapters: [{ id: "b", order: 2, title: "Roots", fields: ["content"], wordsAdded: 6, wordsRemoved: 1 }],
      wordsDelta: 5,
      wordsAdded: 6,
      wordsRemoved: 1,
    };
    expect(describeRevision(changes, tEn, "en")).toEqual({
      summary: "Chapter 2 restored from v1.0",
      detail: "Chapters touched: 2",
      words: "+6 / −1 words",
    });
    expect(describeRevision(changes, tFr, "fr")).toEqual({
      summary: "Chapitre 2 restauré depuis la v1.0",
      detail: "Chapitres touchés : 2",
      words: "+6 / −1 mots",
    });
    const applied = {
      kind: "corrections.applied",
      corrections: ["x", "y"],
      chapters: changes.chapters,
      wordsAdded: 0,
      wordsRemoved: 0,
    };
    expect(describeRevision(applied, tEn, "en")).toMatchObject({ summary: "Corrections applied: 2", words: null });
  });
});
