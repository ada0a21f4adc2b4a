import "server-only";
import type { BookChecker, ChapterChecker, LanguageVariant } from "@/checkers/checker";
import { createCoherenceChecker, createCoherenceCheckerAsking } from "@/checkers/coherence-checker";
import { coherenceAskForCrew, coherenceCompleteForEngine } from "@/checkers/coherence-engine";
import { chapterCheckersFor } from "@/checkers/registry";
import { createStructureChecker } from "@/checkers/structure-checker";
import { type OrganizationEngineRow, resolveEngine } from "@/server/books/engine-config";
import { env } from "@/server/env";

export { warmCheckers } from "@/checkers/registry";

/** The checkers a run uses; tests inject their own through `CheckerSource`. */
export interface BookCheckers {
  chapterCheckers: ChapterChecker[];
  bookCheckers: BookChecker[];
}

export interface CheckerRequest {
  variant: LanguageVariant;
  /** The book's engine id: coherence only runs for real engines. */
  engine: string;
  /** Whether this run may run the expensive book-level checks (coherence): GENERATION/MANUAL full runs. */
  thorough: boolean;
  /** The book's organization, for the engine settings the coherence pass talks to. */
  organization: OrganizationEngineRow;
}

export type CheckerSource = (request: CheckerRequest) => BookCheckers | Promise<BookCheckers>;

const structureChecker = createStructureChecker();

/**
 * The coherence pass asks a real engine, so only thorough runs of books written by one get it: the book's own
 * OpenAI-compatible model, or the book's CrewAI crew through the crew contract's review kickoff. Demo books
 * never do.
 */
function coherenceChecker(request: CheckerRequest): BookChecker | undefined {
  if (!request.thorough || request.engine === "demo") return undefined;
  try {
    const engine = resolveEngine(request.organization, request.engine);
    const complete = coherenceCompleteForEngine(engine);
    if (complete) return createCoherenceChecker(complete);
    const ask = coherenceAskForCrew(engine);
    return ask ? createCoherenceCheckerAsking(ask) : undefined;
  } catch {
    // An engine that is not configured (any more) just means no coherence pass; the other checks run.
    return undefined;
  }
}

/** The checkers for a book: every chapter checker of its variant, structure, and coherence where it applies. */
export const checkersForBook: CheckerSource = (request) => {
  const coherence = coherenceChecker(request);
  return {
    chapterCheckers: chapterCheckersFor(request.variant, { languageToolUrl: env().LANGUAGETOOL_URL }),
    bookCheckers: coherence ? [structureChecker, coherence] : [structureChecker],
  };
};
