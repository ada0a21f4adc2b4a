import type { BookBrief, BookLanguage, ChapterRequest, OutlineRequest } from "./writing-engine";

/**
 * Prompt builders shared by the chat-based engines. Prompts are written in the book's language because
 * models drift back to English when only the instruction "write in French" is given in English.
 */

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

interface PromptText {
  systemOutline: string;
  systemChapter: string;
  title: string;
  topic: string;
  goal: string;
  audience: string;
  tone: string;
  length: (chapters: number, words: number) => string;
  outlineTask: (chapters: number, words: number) => string;
  outlineShape: string;
  feedback: (feedback: string) => string;
  outlineHeading: string;
  words: string;
  chapterTask: (n: number, total: number, title: string, budget: number) => string;
  thisChapter: string;
  previous: string;
  next: string;
  firstChapter: string;
  lastChapter: string;
  chapterRules: string[];
  continueChapter: string;
}

const text: Record<BookLanguage, PromptText> = {
  en: {
    systemOutline:
      "You are an experienced non-fiction book editor. You plan books as clear, well-ordered chapters. " +
      "You answer with JSON only, no prose and no code fences.",
    systemChapter:
      "You are a skilled author writing one chapter of a book in English. " +
      "You write flowing, concrete prose in Markdown, consistent with the outline and the chapters around it.",
    title: "Title",
    topic: "Topic",
    goal: "Goal of the book",
    audience: "Audience",
    tone: "Tone",
    length: (c, w) => `Length: ${c} chapters, about ${w} words in total`,
    outlineTask: (c, w) =>
      `Plan this book as exactly ${c} chapters. Give each chapter a title, a synopsis of 2 to 4 sentences, ` +
      `and a word budget (an integer). The word budgets must add up to ${w}.`,
    outlineShape:
      'Answer with this JSON object only: {"chapters":[{"title":"…","synopsis":"…","wordBudget":1200}]}. ' +
      "Write the titles and synopses in English.",
    feedback: (f) => `Your previous answer was rejected: ${f}\nFix this and answer again with the full JSON object.`,
    outlineHeading: "Full outline of the book",
    words: "words",
    chapterTask: (n, total, t, b) => `Write chapter ${n} of ${total}, "${t}", in about ${b} words.`,
    thisChapter: "Synopsis of this chapter",
    previous: "The previous chapter covered",
    next: "The next chapter will cover",
    firstChapter: "This is the first chapter: open the book and draw the reader in.",
    lastChapter: "This is the last chapter: bring the book to a satisfying close.",
    chapterRules: [
      "Write in English, in Markdown.",
      "Do not start with the chapter title and do not use a level-1 heading (#); use ## or ### for sections if useful.",
      "Do not summarise the whole book; stay on this chapter's synopsis and link naturally to its neighbours.",
      "Output only the chapter text.",
    ],
    continueChapter:
      "Your text stopped before the end of the chapter. Continue it exactly where it stops, even mid-sentence, " +
      "without repeating anything and without any comment; finish the chapter.",
  },
  fr: {
    systemOutline:
      "Vous êtes un éditeur expérimenté d'ouvrages documentaires. Vous construisez des livres en chapitres " +
      "clairs et bien ordonnés. Vous répondez uniquement en JSON, sans texte autour ni bloc de code.",
    systemChapter:
      "Vous êtes un auteur talentueux qui écrit un chapitre d'un livre en français. " +
      "Vous écrivez une prose fluide et concrète en Markdown, cohérente avec le plan et les chapitres voisins.",
    title: "Titre",
    topic: "Sujet",
    goal: "Objectif du livre",
    audience: "Public",
    tone: "Ton",
    length: (c, w) => `Longueur : ${c} chapitres, environ ${w} mots au total`,
    outlineTask: (c, w) =>
      `Établissez le plan de ce livre en exactement ${c} chapitres. Donnez à chaque chapitre un titre, ` +
      `un résumé de 2 à 4 phrases et un budget de mots (un entier). La somme des budgets doit être ${w}.`,
    outlineShape:
      'Répondez uniquement avec cet objet JSON : {"chapters":[{"title":"…","synopsis":"…","wordBudget":1200}]}. ' +
      "Rédigez les titres et les résumés en français.",
    feedback: (f) =>
      `Votre réponse précédente a été refusée : ${f}\nCorrigez ce point et renvoyez l'objet JSON complet.`,
    outlineHeading: "Plan complet du livre",
    words: "mots",
    chapterTask: (n, total, t, b) => `Écrivez le chapitre ${n} sur ${total}, « ${t} », en environ ${b} mots.`,
    thisChapter: "Résumé de ce chapitre",
    previous: "Le chapitre précédent traitait de",
    next: "Le chapitre suivant traitera de",
    firstChapter: "C'est le premier chapitre : ouvrez le livre et captez le lecteur.",
    lastChapter: "C'est le dernier chapitre : menez le livre à une conclusion satisfaisante.",
    chapterRules: [
      "Écrivez en français, en Markdown.",
      "Ne commencez pas par le titre du chapitre et n'utilisez pas de titre de niveau 1 (#) ; utilisez ## ou ### pour les sections si besoin.",
      "Ne résumez pas tout le livre ; restez sur le résumé de ce chapitre et faites le lien avec ses voisins.",
      "Ne renvoyez que le texte du chapitre.",
    ],
    continueChapter:
      "Votre texte s'est arrêté avant la fin du chapitre. Reprenez-le exactement là où il s'arrête, même au milieu " +
      "d'une phrase, sans rien répéter ni commenter ; terminez le chapitre.",
  },
};

export function briefLines(brief: BookBrief): string[] {
  const t = text[brief.language];
  const lines = [`${t.title}: ${brief.title}`, `${t.topic}: ${brief.topic}`, `${t.goal}: ${brief.goal}`];
  if (brief.audience) lines.push(`${t.audience}: ${brief.audience}`);
  if (brief.tone) lines.push(`${t.tone}: ${brief.tone}`);
  lines.push(t.length(brief.targetChapters, brief.targetWords));
  return lines;
}

/** System + user messages asking for the outline as JSON, with the previous attempt's error if any. */
export function buildOutlinePrompt(req: OutlineRequest): ChatMessage[] {
  const t = text[req.brief.language];
  const user = [
    ...briefLines(req.brief),
    "",
    t.outlineTask(req.brief.targetChapters, req.brief.targetWords),
    t.outlineShape,
  ];
  if (req.feedback) user.push("", t.feedback(req.feedback));
  return [
    { role: "system", content: t.systemOutline },
    { role: "user", content: user.join("\n") },
  ];
}

/** System + user messages for one chapter: the brief, the whole outline and the neighbouring synopses. */
export function buildChapterPrompt(req: ChapterRequest): ChatMessage[] {
  const t = text[req.brief.language];
  const chapters = req.outline.chapters;
  const chapter = chapters[req.index];
  if (!chapter) throw new RangeError(`Chapter index ${req.index} is outside the outline (${chapters.length} chapters)`);
  const previous = req.previousSynopsis ?? chapters[req.index - 1]?.synopsis;
  const next = req.nextSynopsis ?? chapters[req.index + 1]?.synopsis;

  const user = [...briefLines(req.brief), "", `${t.outlineHeading}:`];
  chapters.forEach((c, i) => {
    const marker = i === req.index ? "→ " : "";
    user.push(`${marker}${i + 1}. ${c.title} (${c.wordBudget} ${t.words}): ${c.synopsis}`);
  });
  user.push("", t.chapterTask(req.index + 1, chapters.length, chapter.title, chapter.wordBudget));
  user.push(`${t.thisChapter}: ${chapter.synopsis}`);
  user.push(previous ? `${t.previous}: ${previous}` : t.firstChapter);
  user.push(next ? `${t.next}: ${next}` : t.lastChapter);
  user.push("", ...t.chapterRules.map((rule) => `- ${rule}`));
  return [
    { role: "system", content: t.systemChapter },
    { role: "user", content: user.join("\n") },
  ];
}

/**
 * The chapter prompt again, the text written so far as the assistant's turn, and a request to go on: how a
 * chapter cut at the model's output limit (`finish_reason: length`) is continued.
 */
export function buildChapterContinuationPrompt(req: ChapterRequest, written: string): ChatMessage[] {
  return [
    ...buildChapterPrompt(req),
    { role: "assistant", content: written },
    { role: "user", content: text[req.brief.language].continueChapter },
  ];
}
