// French rules that can be stated precisely, checked on the prose segments:
// - repeated word ("le le"), except the reflexive "nous nous" / "vous vous";
// - elision: le, la, de, je, me, te, se, ne, que (and jusque, lorsque, puisque) drop their vowel before a
//   word that starts with a vowel or a mute h ("le arbre" → "l’arbre", "de un" → "d’un", "que il" →
//   "qu’il"), and "si" before "il"/"ils" ("s’il"). Not before an aspirated h ("le héros", "la hache"), a
//   y that is a consonant ("le yaourt"), "onze", "oui", "ouate", nor before "ou", "où", "et" ("le ou la
//   responsable");
// - subject–verb agreement of a subject pronoun and a form of être/avoir/aller/faire… that cannot follow it
//   ("ils a" → "ils ont", "il sont" → "ils sont", "tu est" → "tu es", "je est" → "je suis");
// - number agreement of a plural determiner (les, des, ces, mes, tes, ses, nos, vos, leurs, plusieurs,
//   quelques) and the noun right after it, for a curated list of common nouns whose singular can never be
//   read as a plural and is not also a verb form that "les" could precede as a pronoun ("il les porte"):
//   "les maison" → "les maisons", "des cheval" → "des chevaux";
// - typography: a no-break space (U+00A0 or the narrow U+202F) before ; : ! ? » and after «, exactly as
//   the exporters apply it (src/exporters/french-typography.ts decides where a space belongs).
import { frenchTypography, NARROW_NBSP, NBSP } from "../exporters/french-typography";
import type { ChapterChecker, CheckContext, Finding } from "./checker";
import { type ProseSegment, proseSegments, toSourceRange, tokenizeWords, type WordToken } from "./prose-ranges";
import { throwIfAborted } from "./spelling-checker";

const ELIDING = new Set(["le", "la", "de", "je", "me", "te", "se", "ne", "que", "jusque", "lorsque", "puisque"]);
// Words before which elision does not happen although they start with a vowel letter.
const NO_ELISION_BEFORE = new Set([
  "ou",
  "où",
  "et",
  "onze",
  "onzième",
  "oui",
  "ouate",
  "ouistiti",
  "uhlan",
  "ululement",
]);
// Aspirated h: word stems that forbid elision and liaison ("le héros", "la hache", "les haricots").
const ASPIRATED_H = [
  "hache",
  "hagard",
  "haie",
  "haillon",
  "haine",
  "haïr",
  "hall",
  "halo",
  "halte",
  "hamac",
  "hameau",
  "hamster",
  "hanche",
  "handicap",
  "hangar",
  "hanneton",
  "hanter",
  "happer",
  "harangue",
  "haras",
  "harasser",
  "harceler",
  "hardi",
  "hareng",
  "hargne",
  "haricot",
  "harnais",
  "harpe",
  "hasard",
  "hâte",
  "hâter",
  "hausse",
  "hausser",
  "haut",
  "havre",
  "hennir",
  "hérisser",
  "hérisson",
  "hernie",
  "héron",
  "héros",
  "herse",
  "hêtre",
  "heurt",
  "heurter",
  "hibou",
  "hideux",
  "hiérarchie",
  "hisser",
  "hocher",
  "hockey",
  "hollande",
  "homard",
  "hongrois",
  "honte",
  "honteux",
  "hoquet",
  "horde",
  "hors",
  "hotte",
  "houblon",
  "houle",
  "housse",
  "houx",
  "hublot",
  "huer",
  "huée",
  "huit",
  "huitième",
  "hurlement",
  "hurler",
  "hussard",
  "hutte",
];
const VOWEL_START = /^[aeiouàâäéèêëîïôöùûüœæ]/i;

// Forms that cannot follow a subject pronoun, with the form that can.
const AGREEMENT: Record<string, Record<string, string>> = {
  je: { est: "suis", es: "suis", sont: "suis", sommes: "suis", ont: "ai", avons: "ai" },
  tu: { est: "es", a: "as", sont: "es", ont: "as", va: "vas" },
  il: {
    sont: "est",
    ont: "a",
    sommes: "est",
    avons: "a",
    vont: "va",
    font: "fait",
    étaient: "était",
    avaient: "avait",
  },
  ils: {
    a: "ont",
    est: "sont",
    va: "vont",
    fait: "font",
    était: "étaient",
    avait: "avaient",
    peut: "peuvent",
    veut: "veulent",
    doit: "doivent",
    sait: "savent",
    sera: "seront",
    aura: "auront",
    fera: "feront",
    ira: "iront",
    sommes: "sont",
    avons: "ont",
  },
};
AGREEMENT.elle = AGREEMENT.il!;
AGREEMENT.on = AGREEMENT.il!;
AGREEMENT.elles = AGREEMENT.ils!;

const PLURAL_DETERMINERS = new Set([
  "les",
  "des",
  "ces",
  "mes",
  "tes",
  "ses",
  "nos",
  "vos",
  "leurs",
  "plusieurs",
  "quelques",
]);

/**
 * Singular → plural of common nouns (-s, -x, -aux) chosen so a plural determiner before the singular is
 * always an error: no noun whose singular ends in s, x or z (invariable: "les mois"), none that is also a
 * verb form after the pronoun "les" ("porte", "livre", "marche", "garde", "montre"…), none used as an
 * invariable adverb or in fixed phrases after these determiners. Precision over coverage.
 */
export const NOUN_PLURALS: Readonly<Record<string, string>> = Object.fromEntries([
  ...`maison enfant arbre jardin chat chien fleur oiseau ami amie château bateau manteau gâteau couteau
    chapeau jour nuit ville fenêtre chaise femme homme fille garçon frère sœur année semaine lettre histoire
    chambre montagne rivière forêt étoile nuage pierre chanson question idée problème raison enseignant
    professeur médecin voisin cousin parent oncle tante livreur village plage île océan poisson légume fruit
    pomme citron fromage bouteille verre assiette cahier stylo crayon ordinateur écran clé vélo avion train
    bureau tableau rideau mur toit chemin pont port phare hiver automne`
    .split(/\s+/)
    .filter(Boolean)
    .map((noun) => [noun, /(?:eau|au|eu)$/.test(noun) ? `${noun}x` : `${noun}s`]),
  ["cheval", "chevaux"],
  ["journal", "journaux"],
  ["animal", "animaux"],
  ["hôpital", "hôpitaux"],
  ["travail", "travaux"],
  ["œil", "yeux"],
  ["cheveu", "cheveux"],
  ["jeu", "jeux"],
  ["feu", "feux"],
]);

function startsWithAspiratedH(word: string): boolean {
  const lower = word.toLowerCase();
  return ASPIRATED_H.some((stem) => lower.startsWith(stem));
}

/** Whether `first` must be elided before `next` (the rule in the header). */
export function needsElision(first: string, next: string): boolean {
  const lowerFirst = first.toLowerCase();
  const lowerNext = next.toLowerCase();
  if (lowerFirst === "si") return lowerNext === "il" || lowerNext === "ils";
  if (!ELIDING.has(lowerFirst)) return false;
  if (NO_ELISION_BEFORE.has(lowerNext) || /^\p{Lu}$/u.test(next)) return false;
  if (lowerNext === "y") return lowerFirst !== "le" && lowerFirst !== "la" && lowerFirst !== "de";
  if (lowerNext.startsWith("h"))
    return lowerNext.length > 1 && !startsWithAspiratedH(lowerNext) && /^h[aeiouyàâäéèêëîïôöùûü]/.test(lowerNext);
  return VOWEL_START.test(lowerNext);
}

function elided(first: string, apostrophe: string): string {
  return `${first.slice(0, -1)}${apostrophe}`;
}

function matchCase(model: string, word: string): string {
  return model.charAt(0) !== model.charAt(0).toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

function finding(
  markdown: string,
  segment: ProseSegment,
  start: number,
  end: number,
  fields: Pick<Finding, "type" | "severity" | "ruleId" | "message" | "suggestions">,
): Finding {
  const range = toSourceRange(segment, start, end);
  return {
    ...fields,
    checker: "french-rules",
    original: markdown.slice(range.start, range.end),
    startOffset: range.start,
    endOffset: range.end,
  };
}

// The word pairs separated by spaces only (no punctuation between them) in a segment.
function* adjacentPairs(text: string, tokens: WordToken[]): Generator<[WordToken, WordToken]> {
  for (let i = 1; i < tokens.length; i++) {
    const first = tokens[i - 1]!;
    const second = tokens[i]!;
    if (/^[ \t\u00A0\u202F\n]+$/.test(text.slice(first.end, second.start))) yield [first, second];
  }
}

function wordRules(markdown: string, segment: ProseSegment, apostrophe: string): Finding[] {
  const findings: Finding[] = [];
  const text = segment.text;
  const tokens = tokenizeWords(text);
  for (const [first, second] of adjacentPairs(text, tokens)) {
    const a = first.word.toLowerCase();
    const b = second.word.toLowerCase();
    // A word glued to a hyphen before it ("fais-le") is not a free-standing article or pronoun.
    if (/[-‑]/.test(text.charAt(first.start - 1))) continue;
    if (a === b && !/\p{N}/u.test(a) && a !== "nous" && a !== "vous") {
      findings.push(
        finding(markdown, segment, first.start, second.end, {
          type: "GRAMMAR",
          severity: "ERROR",
          ruleId: "repeated-word",
          message: `« ${first.word} » est répété.`,
          suggestions: [first.word],
        }),
      );
      continue;
    }
    const agreed = AGREEMENT[a]?.[b];
    if (agreed) {
      findings.push(
        finding(markdown, segment, first.start, second.end, {
          type: "GRAMMAR",
          severity: "ERROR",
          ruleId: "subject-verb-agreement",
          message: `Le verbe ne s’accorde pas avec le sujet « ${first.word} ».`,
          suggestions: [`${first.word} ${agreed}`],
        }),
      );
      continue;
    }
    const plural = PLURAL_DETERMINERS.has(a) && second.word === b ? NOUN_PLURALS[b] : undefined;
    // A hyphen after the noun makes it part of a compound ("les enfant-rois"), whose plural is its own.
    if (plural && !/[-‑]/.test(text.charAt(second.end))) {
      findings.push(
        finding(markdown, segment, first.start, second.end, {
          type: "GRAMMAR",
          severity: "ERROR",
          ruleId: "determiner-noun-agreement",
          message: `« ${first.word} » est pluriel : le nom qui suit s’accorde (« ${plural} »).`,
          suggestions: [`${first.word}${text.slice(first.end, second.start)}${plural}`],
        }),
      );
      continue;
    }
    if (needsElision(first.word, second.word)) {
      const between = text.slice(first.end, second.start);
      findings.push(
        finding(markdown, segment, first.start, second.end, {
          type: "GRAMMAR",
          severity: "ERROR",
          ruleId: "elision",
          message: `« ${first.word}${between}${second.word} » s’élide : « ${matchCase(first.word, elided(a, apostrophe))}${second.word} ».`,
          suggestions: [`${matchCase(first.word, elided(a, apostrophe))}${second.word}`],
        }),
      );
    }
  }
  return findings;
}

const FRENCH_SPACES = new Set([NBSP, NARROW_NBSP]);
const ANY_SPACE = /[ \t\u00A0\u202F\u2009]/;

/** Typography findings: where frenchTypography would change the spacing, except NBSP ↔ narrow NBSP (both are right). */
function typographyRules(markdown: string, segment: ProseSegment): Finding[] {
  const text = segment.text;
  const fixed = frenchTypography(text);
  if (fixed === text) return [];
  const findings: Finding[] = [];
  let i = 0;
  let j = 0;
  // frenchTypography only inserts, removes or replaces spaces: walk both texts, and at each difference
  // take the run of spaces on each side as the change.
  while (i < text.length && j < fixed.length) {
    if (text.charAt(i) === fixed.charAt(j)) {
      i++;
      j++;
      continue;
    }
    let i2 = i;
    while (i2 < text.length && ANY_SPACE.test(text.charAt(i2))) i2++;
    let j2 = j;
    while (j2 < fixed.length && ANY_SPACE.test(fixed.charAt(j2))) j2++;
    const had = text.slice(i, i2);
    const wanted = fixed.slice(j, j2);
    if (had === "" && wanted === "") break; // not a spacing change: stop rather than misreport
    const bothNoBreak =
      had.length > 0 && [...had].every((c) => FRENCH_SPACES.has(c)) && [...wanted].every((c) => FRENCH_SPACES.has(c));
    if (!bothNoBreak) {
      const mark = had === "" ? (text.charAt(i - 1) === "«" ? "«" : text.charAt(i)) : "";
      const afterGuillemet = mark === "«" || (had !== "" && text.charAt(i - 1) === "«");
      const punctuation = had === "" ? text.charAt(i) : text.charAt(i2);
      const message = afterGuillemet
        ? "Typographie française : une espace insécable est attendue après « (guillemet ouvrant)."
        : `Typographie française : une espace insécable est attendue avant « ${punctuation} ».`;
      if (had !== "") {
        findings.push(
          finding(markdown, segment, i, i2, {
            type: "STYLE",
            severity: "WARNING",
            ruleId: "french-spacing",
            message,
            suggestions: [wanted],
          }),
        );
      } else if (mark === "«") {
        findings.push(
          finding(markdown, segment, i - 1, i, {
            type: "STYLE",
            severity: "WARNING",
            ruleId: "french-spacing",
            message,
            suggestions: [`«${wanted}`],
          }),
        );
      } else {
        findings.push(
          finding(markdown, segment, i, i + 1, {
            type: "STYLE",
            severity: "WARNING",
            ruleId: "french-spacing",
            message,
            suggestions: [`${wanted}${text.charAt(i)}`],
          }),
        );
      }
    }
    i = i2;
    j = j2;
  }
  return findings;
}

export const frenchRulesChecker: ChapterChecker = {
  id: "french-rules",
  supports: (variant) => variant === "fr-FR",
  async check(markdown: string, context: CheckContext): Promise<Finding[]> {
    throwIfAborted(context.signal);
    if (context.variant !== "fr-FR" || markdown.trim() === "") return [];
    // Suggestions use the apostrophe the chapter already uses most.
    const curly = (markdown.match(/’/g) ?? []).length;
    const straight = (markdown.match(/'/g) ?? []).length;
    const apostrophe = curly >= straight ? "’" : "'";
    const findings: Finding[] = [];
    for (const segment of proseSegments(markdown)) {
      throwIfAborted(context.signal);
      findings.push(...wordRules(markdown, segment, apostrophe), ...typographyRules(markdown, segment));
    }
    return findings.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
  },
};
