import { describe, expect, it } from "vitest";
import { englishTitleCase, openingChapterTitle, topicInProse } from "./demo-titles";

const EN_MINOR = new Set(
  "a an the and but or nor for so yet as at by in of off on onto per to up via with from into over than".split(" "),
);
const INTERROGATIVES = /\b(why|how|what|when|where|who|which|pourquoi|comment|quand|où|qui)\b/giu;

/** The checks a reader applies to a title, whatever the topic. */
function expectReadsAsEnglishTitle(title: string) {
  expect(title.length).toBeLessThanOrEqual(200);
  expect(title).not.toMatch(INTERROGATIVES_IN_A_ROW);
  const interrogatives = title.match(INTERROGATIVES) ?? [];
  // One question word at most in the subject, plus "Why" in the fixed "Why It Matters" when the subject has none.
  expect(interrogatives.length).toBeLessThanOrEqual(1);
  const [subject = ""] = title.split(/[:?] /);
  const subjectWords = subject.split(" ");
  expect(EN_MINOR.has(subjectWords.at(-1)!.toLowerCase())).toBe(false);
  subjectWords.forEach((word, index) => {
    const isEdge = index === 0 || index === subjectWords.length - 1;
    if (!isEdge && EN_MINOR.has(word.toLowerCase())) expect(word).toBe(word.toLowerCase());
    else expect(word).toMatch(/^[^\p{L}]*\p{Lu}/u);
  });
}
const INTERROGATIVES_IN_A_ROW = /\b(why|how|what|pourquoi|comment)\s+(why|how|what|pourquoi|comment)\b/i;

function expectReadsAsFrenchTitle(title: string) {
  expect(title.length).toBeLessThanOrEqual(200);
  expect(title).not.toMatch(INTERROGATIVES_IN_A_ROW);
  expect(title).toMatch(/^\p{Lu}/u);
  expect((title.match(INTERROGATIVES) ?? []).length).toBeLessThanOrEqual(1);
  const [subject = ""] = title.split(/ [:?] /);
  expect(subject.split(" ").at(-1)).not.toMatch(
    /^(le|la|les|un|une|des|du|de|à|au|aux|et|ou|pour|par|sur|dans|avec|en)$/,
  );
}

describe("demo opening chapter titles (English)", () => {
  it.each([
    ["woodworking for beginners", "Woodworking for Beginners: Why It Matters"],
    ["How small coastal towns adapt to rising seas", "How Small Coastal Towns Adapt to Rising Seas: The Stakes"],
    ["why cities flood", "Why Cities Flood: The Stakes"],
    ["Can small farms survive a changing climate?", "Can Small Farms Survive a Changing Climate? The Stakes"],
    ["NASA missions to the outer planets.", "NASA Missions to the Outer Planets: Why It Matters"],
    ["long-term care for an ageing population", "Long-Term Care for an Ageing Population: Why It Matters"],
    ["what makes a city resilient", "What Makes a City Resilient: The Stakes"],
    // A long topic keeps its first clause, whole.
    [
      "How small coastal towns adapt to rising seas, storms and the slow retreat of the fishing industry over the next fifty years",
      "How Small Coastal Towns Adapt to Rising Seas: The Stakes",
    ],
    // No clean clause (too long, or one that would end on a preposition): a neutral title, never a cut phrase.
    [
      "a very long description of a subject that goes on and on without any punctuation at all until the reader gives up",
      "Why This Subject Matters",
    ],
    [
      "The towns we grew up in, and what rising seas and storms will do to each of them over the coming decades",
      "Why This Subject Matters",
    ],
  ])("%s → %s", (topic, title) => {
    const made = openingChapterTitle(topic, "en");
    expect(made).toBe(title);
    expectReadsAsEnglishTitle(made);
  });

  it("never reproduces the old cut-off title", () => {
    const made = openingChapterTitle("How small coastal towns adapt to rising seas", "en");
    expect(made).not.toMatch(/^Why How/);
    expect(made).not.toMatch(/\bto Matters$/);
  });

  it("title-cases words without touching the writer's own capitals", () => {
    expect(englishTitleCase("the iPhone and the art of the selfie")).toBe("The iPhone and the Art of the Selfie");
    expect(englishTitleCase("what to look for")).toBe("What to Look For");
  });
});

describe("demo opening chapter titles (French)", () => {
  it.each([
    ["la menuiserie pour débutants", "La menuiserie pour débutants : les enjeux"],
    [
      "Comment les petites villes côtières s'adaptent à la montée des eaux",
      "Comment les petites villes côtières s'adaptent à la montée des eaux : les enjeux",
    ],
    ["pourquoi les villes côtières s'inondent-elles ?", "Pourquoi les villes côtières s'inondent-elles ? Les enjeux"],
    ["le climat de Paris au XXIe siècle", "Le climat de Paris au XXIe siècle : les enjeux"],
    [
      "Comment les petites villes côtières s'adaptent, et ce que la montée des eaux leur coûtera pendant les cinquante prochaines années",
      "Comment les petites villes côtières s'adaptent : les enjeux",
    ],
    [
      "Une très longue description d'un sujet qui continue encore et encore sans la moindre ponctuation jusqu'à lasser le lecteur",
      "Pourquoi ce sujet compte",
    ],
    ["Les villes où nous avons grandi et ce que la mer fera de chacune d'elles dans", "Pourquoi ce sujet compte"],
  ])("%s → %s", (topic, title) => {
    const made = openingChapterTitle(topic, "fr");
    expect(made).toBe(title);
    expectReadsAsFrenchTitle(made);
  });
});

describe("the topic inside placeholder prose", () => {
  it("keeps a whole phrase, lower-cases a leading question word and keeps names", () => {
    expect(topicInProse("How small coastal towns adapt to rising seas?", "en")).toBe(
      "how small coastal towns adapt to rising seas",
    );
    expect(topicInProse("Paris in winter", "en")).toBe("Paris in winter");
    expect(topicInProse("Comment les villes s'adaptent", "fr")).toBe("comment les villes s'adaptent");
    expect(topicInProse("x ".repeat(40), "en")).toBe("this subject");
  });
});
