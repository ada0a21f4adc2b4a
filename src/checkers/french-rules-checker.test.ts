import { NARROW_NBSP, NBSP } from "../exporters/french-typography";
import { describe, expect, it } from "vitest";
import type { CheckContext, Finding } from "./checker";
import { frenchRulesChecker, NOUN_PLURALS, needsElision } from "./french-rules-checker";

const context: CheckContext = { variant: "fr-FR", acceptedWords: new Set(), bookNames: new Set() };
const check = (markdown: string) => frenchRulesChecker.check(markdown, context);
const summary = (findings: Finding[]) =>
  findings.map((finding) => `${finding.ruleId}:${finding.original}→${finding.suggestions[0]}`);

describe("French rules", () => {
  it("makes a noun after a plural determiner plural, for the curated nouns only", async () => {
    const findings = await check(
      "Les maison du village. Des cheval au pré. Plusieurs œil. Quelques jour plus tard. Leurs enfant-roi.",
    );
    expect(summary(findings.filter((finding) => finding.ruleId === "determiner-noun-agreement"))).toEqual([
      "determiner-noun-agreement:Les maison→Les maisons",
      "determiner-noun-agreement:Des cheval→Des chevaux",
      "determiner-noun-agreement:Plusieurs œil→Plusieurs yeux",
      "determiner-noun-agreement:Quelques jour→Quelques jours",
    ]);
    expect(findings[0]).toMatchObject({ type: "GRAMMAR", severity: "ERROR", original: "Les maison" });
  });

  it("leaves correct plurals, invariable nouns, names, pronoun « les » before a verb and singular « leur » alone", async () => {
    const clean = [
      "Les maisons du village et des chevaux au pré. Les mois passent, les pays changent.",
      "Il les porte, elle les livre, on les marche ensemble. Les Martin arrivent.",
      "Leur maison est grande ; ses yeux brillent ; quelques jours plus tard, ces gâteaux.",
    ].join(" ");
    expect((await check(clean)).filter((finding) => finding.ruleId === "determiner-noun-agreement")).toEqual([]);
  });

  it("keeps the curated list to nouns whose singular cannot be read as a plural", () => {
    for (const [singular, plural] of Object.entries(NOUN_PLURALS)) {
      expect(singular).not.toMatch(/[sxz]$/);
      expect(plural).not.toBe(singular);
    }
  });

  it("elides before a vowel or a mute h, not before an aspirated h", async () => {
    const findings = await check("Le arbre de un homme ; que il parte. Si il pleut. Le héros et la hache. Je le aime.");
    expect(summary(findings.filter((finding) => finding.ruleId === "elision"))).toEqual([
      "elision:Le arbre→L’arbre",
      "elision:de un→d’un",
      "elision:que il→qu’il",
      "elision:Si il→S’il",
      "elision:le aime→l’aime",
    ]);
    expect(findings.find((finding) => finding.ruleId === "elision")).toMatchObject({
      type: "GRAMMAR",
      severity: "ERROR",
    });
  });

  it("states the elision rule's exceptions", () => {
    expect(needsElision("le", "haricot")).toBe(false);
    expect(needsElision("le", "héros")).toBe(false);
    expect(needsElision("de", "hauteur")).toBe(false);
    expect(needsElision("le", "yaourt")).toBe(false);
    expect(needsElision("le", "onze")).toBe(false);
    expect(needsElision("le", "ou")).toBe(false);
    expect(needsElision("si", "elle")).toBe(false);
    expect(needsElision("le", "homme")).toBe(true);
    expect(needsElision("de", "histoire")).toBe(true);
    expect(needsElision("je", "y")).toBe(true);
    expect(needsElision("jusque", "à")).toBe(true);
  });

  it("uses the apostrophe the chapter already uses", async () => {
    const findings = await check("L'homme de l'île dit que elle viendra.");
    expect(summary(findings)).toEqual(["elision:que elle→qu'elle"]);
  });

  it("finds repeated words, but not the reflexive nous nous / vous vous", async () => {
    const findings = await check("Il a vu le le chat. Nous nous levons, vous vous asseyez. Et et puis 12 12.");
    expect(summary(findings)).toEqual(["repeated-word:le le→le", "repeated-word:Et et→Et"]);
  });

  it("finds subject–verb agreement errors it can state precisely", async () => {
    const findings = await check("Ils a faim. Elles est là. Il sont partis. Tu est grand. Il nous a vus.");
    expect(summary(findings)).toEqual([
      "subject-verb-agreement:Ils a→Ils ont",
      "subject-verb-agreement:Elles est→Elles sont",
      "subject-verb-agreement:Il sont→Il est",
      "subject-verb-agreement:Tu est→Tu es",
    ]);
  });

  it("asks for a no-break space before ; : ! ? » and after «, accepting both U+00A0 and U+202F", async () => {
    const findings = await check("Il dit : « Viens » ! Pourquoi? Bon ; fini.");
    expect(findings.every((finding) => finding.ruleId === "french-spacing" && finding.severity === "WARNING")).toBe(
      true,
    );
    expect(findings.map((finding) => [finding.original, finding.suggestions[0]])).toEqual([
      [" ", NBSP],
      [" ", NBSP],
      [" ", NBSP],
      [" ", NARROW_NBSP],
      ["?", `${NARROW_NBSP}?`],
      [" ", NARROW_NBSP],
    ]);
    expect(
      await check(
        `Il dit${NBSP}: «${NARROW_NBSP}Viens${NBSP}»${NARROW_NBSP}! Pourquoi${NBSP}? Il est 10:30, voir http://exemple.fr.`,
      ),
    ).toEqual([]);
  });

  it("looks at prose only and supports French only", async () => {
    expect(
      await check("`le le` et\n\n```\nque il\n```\n\n<div>le arbre</div>\n\n[le lien](https://exemple.fr/le-le)"),
    ).toEqual([]);
    // Text between inline tags is prose.
    expect(summary(await check("Voir <b>le arbre</b>."))).toEqual(["elision:le arbre→l’arbre"]);
    expect(frenchRulesChecker.supports("fr-FR")).toBe(true);
    expect(frenchRulesChecker.supports("en-GB")).toBe(false);
  });
});
