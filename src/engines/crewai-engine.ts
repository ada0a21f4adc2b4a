import {
  CrewAiClient,
  type CrewAiSettings,
  type CrewReviewRequest,
  type CrewStatusSnapshot,
  crewInputsFromBrief,
  crewReviewInputs,
} from "./crewai-client";
import { readCrewBook } from "./crewai-contract";
import type { SplitChapter } from "./split-markdown-into-chapters";
import { countWords, markdownToPlainText } from "./word-count";
import {
  type BookBrief,
  type ChapterRequest,
  type ChapterResult,
  EngineError,
  type Outline,
  type OutlineRequest,
  type OutlineResult,
  type TokenListener,
  throwIfAborted,
  type WritingEngine,
} from "./writing-engine";

export { splitMarkdownIntoChapters } from "./split-markdown-into-chapters";

/**
 * A remote CrewAI crew writes the whole book in one run, so this engine has two faces:
 *  - the book-level API the pipeline should prefer: `startBook` (kickoff with webhook URLs; store the
 *    returned id in BookJob.externalJobId) then `waitForBook` or webhooks, which survives worker restarts;
 *  - the common `WritingEngine` interface: `outline()` runs the whole crew, keeps its chapters in memory
 *    and returns them as the outline; `writeChapter()` then streams the kept chapter. The chapters live in
 *    this process only: after a restart `writeChapter` fails with CREW_RESULT_MISSING (not retryable).
 */

export interface CrewWebhookUrls {
  task?: string;
  step?: string;
  crew?: string;
}

export interface CrewBook {
  kickoffId: string;
  markdown: string;
  chapters: SplitChapter[];
}

/** A short synopsis from a chapter's text: its first sentences, up to ~300 characters. */
function synopsisOf(content: string): string {
  const plain = markdownToPlainText(content).replace(/\s+/g, " ").trim();
  if (!plain) return "—";
  const sentences = plain.match(/[^.!?…]+[.!?…]+/g) ?? [plain];
  let synopsis = "";
  for (const sentence of sentences) {
    if (synopsis && synopsis.length + sentence.length > 300) break;
    synopsis += sentence;
  }
  return (synopsis || plain).slice(0, 300).trim();
}

function briefKey(brief: BookBrief): string {
  return JSON.stringify([
    brief.title,
    brief.topic,
    brief.goal,
    brief.language,
    brief.targetChapters,
    brief.targetWords,
  ]);
}

/** Engine backed by a crew deployed on CrewAI AMP. */
export class CrewAiEngine implements WritingEngine {
  readonly id = "crewai" as const;
  readonly label = "CrewAI (remote crew)";
  readonly isDemo = false;
  readonly client: CrewAiClient;
  private readonly books = new Map<string, SplitChapter[]>();

  constructor(settings: CrewAiSettings) {
    this.client = new CrewAiClient(settings);
  }

  /** Kicks off the book crew with the brief as inputs; `meta` is echoed in every webhook delivery. */
  async startBook(
    brief: BookBrief,
    options: { webhooks?: CrewWebhookUrls; meta?: Record<string, unknown> } = {},
    signal?: AbortSignal,
  ): Promise<{ kickoffId: string }> {
    return this.client.kickoff(
      {
        inputs: crewInputsFromBrief(brief),
        meta: options.meta,
        taskWebhookUrl: options.webhooks?.task,
        stepWebhookUrl: options.webhooks?.step,
        crewWebhookUrl: options.webhooks?.crew,
      },
      signal,
    );
  }

  /** Polls the run to its end and splits the final Markdown into chapters (checked against the crew contract). */
  async waitForBook(
    kickoffId: string,
    options: { onStatus?: (snapshot: CrewStatusSnapshot) => void } = {},
    signal?: AbortSignal,
  ): Promise<CrewBook> {
    const snapshot = await this.client.waitForCompletion(kickoffId, options, signal);
    const markdown = snapshot.output ?? "";
    return { kickoffId, markdown, chapters: readCrewBook(markdown) };
  }

  /**
   * The crew contract's coherence review: kicks off `mode: "coherence_review"` with the outline and the
   * excerpts, and answers the run's result (the findings JSON, read and checked by the caller). The run is
   * stopped (POST /stop) when the caller aborts or when it outlasts `reviewTimeoutMs` (CREW_TIMEOUT), so a
   * cancelled or stuck check does not leave the crew spending.
   */
  async reviewCoherence(request: CrewReviewRequest, signal?: AbortSignal): Promise<string> {
    const { kickoffId } = await this.client.kickoff({ inputs: crewReviewInputs(request) }, signal);
    try {
      const snapshot = await this.client.waitForCompletion(
        kickoffId,
        { timeoutMs: this.client.reviewTimeoutMs },
        signal,
      );
      return snapshot.output ?? "";
    } catch (error) {
      if (signal?.aborted || (error instanceof EngineError && error.code === "CREW_TIMEOUT")) {
        // Best effort, on its own short deadline: the caller's signal is already spent.
        await this.client.stop(kickoffId, AbortSignal.timeout(10_000)).catch(() => false);
      }
      throw error;
    }
  }

  /** Runs the whole crew and returns the chapters it wrote as the outline (budgets = their word counts). */
  async outline(req: OutlineRequest, signal?: AbortSignal): Promise<OutlineResult> {
    const { kickoffId } = await this.startBook(req.brief, {}, signal);
    const book = await this.waitForBook(kickoffId, {}, signal);
    this.books.set(briefKey(req.brief), book.chapters);
    const outline: Outline = {
      chapters: book.chapters.map((c) => ({
        title: c.title,
        synopsis: synopsisOf(c.content),
        wordBudget: Math.max(1, countWords(c.content)),
      })),
    };
    return { outline };
  }

  /** Streams the chapter the crew already wrote during `outline()`. */
  async writeChapter(req: ChapterRequest, onToken: TokenListener, signal?: AbortSignal): Promise<ChapterResult> {
    throwIfAborted(signal);
    const chapter = this.books.get(briefKey(req.brief))?.[req.index];
    if (!chapter) {
      throw new EngineError(
        "CREW_RESULT_MISSING",
        "The CrewAI engine writes the whole book in one run: call outline() first in the same process, or use startBook()/waitForBook()",
      );
    }
    for (const piece of chapter.content.match(/\S+\s*|\s+/g) ?? []) {
      throwIfAborted(signal);
      onToken(piece);
    }
    return { content: chapter.content, wordCount: countWords(chapter.content) };
  }
}
