// The few words exporters print themselves (not from the book's text), in the book's language.
import type { BookLanguage } from "./parse-book";

export interface BookLabels {
  contents: string;
  notes: string;
  backToReference: string;
  cover: string;
  titlePage: string;
  image: string;
}

const LABELS: Record<BookLanguage, BookLabels> = {
  en: {
    contents: "Contents",
    notes: "Notes",
    backToReference: "Back to reference",
    cover: "Cover",
    titlePage: "Title page",
    image: "Image",
  },
  fr: {
    contents: "Table des matières",
    notes: "Notes",
    backToReference: "Retour à l’appel de note",
    cover: "Couverture",
    titlePage: "Page de titre",
    image: "Image",
  },
};

/** Returns the exporter-printed words for a book language. */
export function bookLabels(language: BookLanguage): BookLabels {
  return LABELS[language];
}

/** The notice every format shows when the book was written by the demo engine. */
export const DEMO_NOTICE = "Demo engine — placeholder text";
