import "server-only";
import type { JobStatus } from "@/generated/prisma/enums";
import { type ChapterProgress, type ProgressDetails, percentFor, streamedWords, tail } from "./job-progress";

/** Persists one snapshot; resolves false when the job can no longer be written (finished or taken over). */
export type ProgressWriter = (details: ProgressDetails, percent: number) => Promise<boolean>;

/** Minimum time between two progress writes of one job (state changes are written at once). */
export const PROGRESS_THROTTLE_MS = 500;

/**
 * The running pipeline's in-memory progress: chapters stream tokens many times a second, so writes are
 * throttled to one per PROGRESS_THROTTLE_MS per job and serialized; state transitions flush immediately.
 */
export class ProgressTracker {
  private details: ProgressDetails;
  private readonly texts = new Map<number, string>();
  private readonly writer: ProgressWriter;
  private readonly throttleMs: number;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private closed = false;

  constructor(writer: ProgressWriter, initial: ProgressDetails, throttleMs = PROGRESS_THROTTLE_MS) {
    this.writer = writer;
    this.details = { ...initial, chapters: initial.chapters.map((c) => ({ ...c })) };
    this.throttleMs = throttleMs;
  }

  /** The current picture (a copy). */
  snapshot(): ProgressDetails {
    return { ...this.details, chapters: this.details.chapters.map((c) => ({ ...c })) };
  }

  /** Moves to a new state and writes at once. */
  async setState(state: JobStatus, message: string | null = null): Promise<void> {
    this.details.state = state;
    this.details.message = message;
    if (state !== "WRITING_CHAPTERS") this.details.currentChapter = null;
    await this.flush();
  }

  /** Replaces the chapter list (after the outline, or when resuming from saved chapters) and writes at once. */
  async setChapters(chapters: ChapterProgress[]): Promise<void> {
    this.details.chapters = chapters.map((c) => ({ ...c }));
    this.recount();
    await this.flush();
  }

  /** A chapter started streaming. */
  chapterStarted(order: number): void {
    this.texts.set(order, "");
    this.updateChapter(order, { state: "WRITING", words: 0 });
    this.schedule();
  }

  /**
   * Writing with sections: the chapter's plan is known and `done` of `total` sections are finished, with
   * `textSoFar` written (a resumed chapter starts from its saved sections, not from zero).
   */
  sectionsPlanned(order: number, done: number, total: number, textSoFar: string): void {
    this.texts.set(order, textSoFar);
    this.updateChapter(order, { state: "WRITING", sectionsDone: done, sectionsTotal: total });
    this.details.message = `Chapter ${order}: section ${Math.min(done + 1, total)} of ${total}`;
    this.schedule();
  }

  /** Writing with sections: one more section of the chapter is saved; its kept text replaces the streamed one. */
  sectionDone(order: number, done: number, total: number, textSoFar: string): void {
    this.texts.set(order, textSoFar);
    this.updateChapter(order, { sectionsDone: done, sectionsTotal: total });
    if (done < total) this.details.message = `Chapter ${order}: section ${done + 1} of ${total}`;
    this.schedule();
  }

  /** A streamed piece of a chapter. */
  chapterToken(order: number, token: string): void {
    this.texts.set(order, (this.texts.get(order) ?? "") + token);
    this.dirty = true;
    this.schedule();
  }

  /**
   * A chapter was saved. The Chapter row is already durable, so the picture follows with the next
   * throttled write rather than one write per chapter (chapters finishing together would queue up).
   */
  chapterDone(order: number, words: number): void {
    this.texts.delete(order);
    this.updateChapter(order, { state: "DONE", words });
    this.schedule();
  }

  /** A chapter attempt failed; it goes back to PENDING (or FAILED when the job gives up). */
  chapterFailed(order: number, state: "PENDING" | "FAILED" = "PENDING"): void {
    this.texts.delete(order);
    this.updateChapter(order, { state, words: 0 });
    this.schedule();
  }

  /** Engine-reported progress without chapters (a remote crew): message and recent text. */
  note(message: string | null, recentText?: string): void {
    this.details.message = message;
    if (recentText !== undefined) this.details.recentText = tail(recentText);
    this.schedule();
  }

  /** Writes the latest picture now and waits for every pending write. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = true;
    await this.enqueueWrite();
  }

  /** Stops scheduled writes (the final state is written by the caller's transaction). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => {});
  }

  private updateChapter(order: number, patch: Partial<ChapterProgress>): void {
    const chapter = this.details.chapters.find((c) => c.order === order);
    if (chapter) Object.assign(chapter, patch);
    this.recount();
  }

  private recount(): void {
    const chapters = this.details.chapters;
    this.details.chaptersTotal = chapters.length;
    this.details.chaptersDone = chapters.filter((c) => c.state === "DONE").length;
    this.details.currentChapter = chapters.find((c) => c.state === "WRITING")?.order ?? null;
  }

  /** Refreshes streamed word counts and the recent text of the current chapter before a write. */
  private refreshStreaming(): void {
    for (const [order, text] of this.texts) {
      const chapter = this.details.chapters.find((c) => c.order === order);
      if (chapter && chapter.state === "WRITING") chapter.words = streamedWords(text);
    }
    this.recount();
    const current = this.details.currentChapter;
    if (current !== null && this.texts.has(current)) this.details.recentText = tail(this.texts.get(current) ?? "");
    this.details.wordsWritten = this.details.chapters.reduce((sum, c) => sum + c.words, 0);
    this.details.percent = percentFor(this.details);
    this.details.updatedAt = new Date().toISOString();
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    const wait = Math.max(0, this.lastWriteAt + this.throttleMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A throttled write is best effort: a failure (database hiccup) must not crash the worker. The
      // picture stays dirty and goes out with the next write; state changes use flush(), which throws.
      this.enqueueWrite().catch((error: unknown) => {
        this.dirty = true;
        console.error("[progress] could not save live progress, will retry:", error);
        this.schedule();
      });
    }, wait);
    this.timer.unref?.();
  }

  private enqueueWrite(): Promise<unknown> {
    this.chain = this.chain
      .catch(() => {})
      .then(async () => {
        if (!this.dirty || this.closed) return;
        this.dirty = false;
        this.refreshStreaming();
        this.lastWriteAt = Date.now();
        await this.writer(this.snapshot(), this.details.percent);
      });
    return this.chain;
  }
}
