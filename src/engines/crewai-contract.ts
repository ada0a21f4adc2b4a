import { type SplitChapter, splitMarkdownIntoChapters } from "./split-markdown-into-chapters";
import { EngineError } from "./writing-engine";

/*
 * The book crew contract (docs/crew/contract.md, example crew in docs/crew/): what a crew deployed on
 * CrewAI AMP must do for Scriptorium to follow and use its run.
 *
 *  - It runs three tasks, in this order, named (crewAI names a task after its method / YAML key):
 *      outline_book   → the chapter plan;
 *      write_chapters → every chapter;
 *      assemble_book  → the final task: the whole book as Markdown.
 *  - The final task's output (the run's result: CrewAI reports only the last task's output) is the whole
 *    book: an optional `# Title`, then one `## ` heading per chapter, each followed by its text.
 *
 * The platform itself reports only running / completed / error (or Celery states), so the book's phases
 * (outline → chapters → finalizing) are read from the task names it reports: `current_task` in the status
 * and `name` in each task webhook.
 */

/** The pipeline phases a crew run moves through, in order. */
export type CrewPhase = "GENERATING_OUTLINE" | "WRITING_CHAPTERS" | "FINALIZING";

/** The crew's tasks in order, with the phase the book is in while each one runs. */
export const bookCrewTasks = [
  { name: "outline_book", phase: "GENERATING_OUTLINE" },
  { name: "write_chapters", phase: "WRITING_CHAPTERS" },
  { name: "assemble_book", phase: "FINALIZING" },
] as const satisfies readonly { name: string; phase: CrewPhase }[];

/** "Outline Book", "outline-book" and "outline_book" are the same task (YAML keys vs. display names). */
function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function taskIndex(name: string | null | undefined): number {
  if (!name) return -1;
  const key = normalize(name);
  return bookCrewTasks.findIndex((task) => task.name === key);
}

/**
 * The phase of a running crew from what the status endpoint says: the task running now (`current_task`),
 * else how many tasks are done. A run with neither is at its first task, the outline.
 */
export function phaseWhileRunning(currentTask?: string, completedTasks?: number): CrewPhase {
  const index = taskIndex(currentTask);
  if (index >= 0) return bookCrewTasks[index]!.phase;
  if (completedTasks !== undefined && completedTasks > 0) {
    return bookCrewTasks[Math.min(completedTasks, bookCrewTasks.length - 1)]!.phase;
  }
  return "GENERATING_OUTLINE";
}

/** The phase the book enters once the named task finished (a task webhook); undefined for a task outside the contract. */
export function phaseAfterTask(name: string | null | undefined): CrewPhase | undefined {
  const index = taskIndex(name);
  if (index < 0) return undefined;
  return bookCrewTasks[Math.min(index + 1, bookCrewTasks.length - 1)]!.phase;
}

/** Levels of the ATX headings `#` and `##` outside fenced code blocks. */
function headingLevels(markdown: string): number[] {
  const levels: number[] = [];
  let fence: string | undefined;
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (!fence) fence = marker[0]!.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence) continue;
    const heading = /^\s{0,3}(#{1,2})\s+\S/.exec(line);
    if (heading) levels.push(heading[1]!.length);
  }
  return levels;
}

const contractHint = "the final task must return the whole book as Markdown with one `##` heading per chapter";

/**
 * Checks a crew's final output against the contract and splits it into chapters. Throws
 * CREW_RESULT_MISSING (not retryable: the same crew would answer the same way) saying what is wrong.
 */
export function readCrewBook(output: string | null | undefined): SplitChapter[] {
  const fail = (what: string) =>
    new EngineError(
      "CREW_RESULT_MISSING",
      `The crew's result does not follow the book contract: ${what}; ${contractHint}`,
    );
  if (!output?.trim()) throw fail("it is empty");
  const levels = headingLevels(output);
  if (levels.filter((level) => level === 1).length > 1) throw fail("it has several `#` headings");
  if (!levels.includes(2)) throw fail("it has no `##` chapter heading");
  const chapters = splitMarkdownIntoChapters(output);
  const empty = chapters.find((chapter) => !chapter.content.trim());
  if (empty) throw fail(`the chapter "${empty.title}" has no text`);
  return chapters;
}

/*
 * The review kickoff (docs/crew/contract.md, "Coherence review"): the same crew, kicked off with
 * `mode: "coherence_review"`, runs one task, `review_coherence`, and returns the coherence findings JSON
 * (the same answer the OpenAI-compatible path asks for; src/checkers/coherence-checker.ts reads it). Every
 * kickoff carries `mode`, `outline` and `excerpts` (empty when writing a book), because crewAI interpolates
 * every task's placeholders at kickoff, whichever tasks the run then takes.
 */

/** The `mode` input of every kickoff. */
export const crewModes = { writeBook: "write_book", coherenceReview: "coherence_review" } as const;

/** The one task a review run performs. */
export const reviewCrewTask = "review_coherence";

/** The inputs that are not the book's brief, sent on every kickoff. */
export const crewModeInputNames = ["mode", "outline", "excerpts"] as const;
