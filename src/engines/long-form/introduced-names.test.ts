import { beforeAll, describe, expect, it } from "vitest";
import { warmDictionaries } from "@/checkers/dictionaries";
import { appendNames, findIntroducedNames, MAX_CHAPTER_NAMES } from "./introduced-names";

const bible = {
  characters: [
    { name: "Ada Marlow", role: "the engineer" },
    { name: "Tomas Reed", role: "" },
  ],
  terms: [{ term: "the northern bridge", meaning: "" }],
};

// Building the French dictionary takes seconds (tens on a loaded machine): once, before the tests.
beforeAll(() => warmDictionaries(["en-US", "en-GB", "fr-FR"]), 180_000);

describe("the names a written section introduces", () => {
  it("finds new multi-word and invented names mid-sentence, not the bible's, not ordinary capitalised words", async () => {
    const text = [
      "## The Long Road Home",
      "",
      "That morning Ada Marlow met Nadia Quill at the harbour. Later Tomas Reed showed Nadia the plans of " +
        "the northern bridge, and Mr Orrin Vale read them aloud in English on Monday.",
      "",
      "Everyone trusted Zorblax with the ledgers. Quill kept Marlow’s notes, and Ada was pleased.",
    ].join("\n");
    expect(await findIntroducedNames(text, bible, "en-US")).toEqual(["Nadia Quill", "Orrin Vale", "Zorblax"]);
  });

  it("leaves out a misspelling of a known name (drift for the checker, not a new person)", async () => {
    const text = "The crew waited while Ada Marlowe and Thomas Reed argued, and Helen Voss laughed.";
    expect(await findIntroducedNames(text, bible, "en-US")).toEqual(["Helen Voss"]);
  });

  it("skips sentence-initial words and French titles and elisions", async () => {
    const text =
      "Ce matin, Camille Roussel examinait les registres avec Madame Yvette Garnier. Plus tard elle parlait " +
      "d’Arcadie Lemoine et de Paris, puis Hugo arriva.";
    expect(
      await findIntroducedNames(text, { characters: [{ name: "Camille Roussel", role: "" }], terms: [] }, "fr-FR"),
    ).toEqual(["Yvette Garnier", "Arcadie Lemoine"]);
  });

  it("finds nothing in a text that only names what the bible holds", async () => {
    expect(await findIntroducedNames("Later Ada Marlow and Tomas Reed walked on.", bible, "en-GB")).toEqual([]);
  });

  it("appends names once each, up to the chapter's limit", () => {
    const start = { characters: [{ name: "Nadia Quill", role: "a carpenter" }], terms: [] };
    const once = appendNames(start, ["nadia quill", "Orrin Vale", "Orrin Vale"]);
    expect(once.characters).toEqual([
      { name: "Nadia Quill", role: "a carpenter" },
      { name: "Orrin Vale", role: "" },
    ]);
    const many = appendNames(
      once,
      Array.from({ length: 40 }, (_, i) => `Person ${String.fromCharCode(65 + (i % 26))}${i}`),
    );
    expect(many.characters).toHaveLength(MAX_CHAPTER_NAMES);
  });
});
