/** Client-side views of the book, job, format and notification JSON (see the route use cases); no Prisma types. */
export type BookStatus = "DRAFT" | "GENERATING" | "COMPLETED" | "FAILED" | "ARCHIVED";
export type JobStatus = "PENDING" | "GENERATING_OUTLINE" | "WRITING_CHAPTERS" | "FINALIZING" | "COMPLETED" | "FAILED";
export type ChapterState = "PENDING" | "WRITING" | "DONE" | "FAILED";
export type FormatType = "MARKDOWN" | "HTML" | "EPUB" | "DOCX" | "PDF";
export type FormatStatus = "NOT_RENDERED" | "PENDING" | "RENDERING" | "READY" | "FAILED";

export type EngineInfo = { id: string; label: string; isDemo: boolean };

export type Book = {
  id: string;
  title: string;
  topic: string;
  goal: string;
  audience: string | null;
  language: string;
  tone: string | null;
  targetChapters: number | null;
  targetWords: number | null;
  engine: EngineInfo;
  isDemoContent: boolean;
  demoLabel: string | null;
  status: BookStatus;
  hasContent: boolean;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
};

export type BookListItem = Book & {
  chapterCount: number;
  job: { id: string; status: JobStatus; progress: number; errorCode: string | null; updatedAt: string } | null;
};

export type Chapter = {
  id: string;
  order: number;
  title: string;
  synopsis: string | null;
  status: ChapterState;
  wordBudget: number | null;
  wordCount: number;
  content: string;
  updatedAt: string;
};

export type ChapterProgress = {
  order: number;
  title: string;
  state: ChapterState;
  words: number;
  budget: number | null;
};

export type ProgressDetails = {
  state: JobStatus;
  percent: number;
  message: string | null;
  chaptersTotal: number;
  chaptersDone: number;
  currentChapter: number | null;
  wordsWritten: number;
  wordsTarget: number;
  chapters: ChapterProgress[];
  recentText: string;
  engine: EngineInfo;
  updatedAt: string;
};

export type Job = {
  id: string;
  bookId: string;
  status: JobStatus;
  engine: string;
  progress: number;
  progressDetails: ProgressDetails | null;
  error: string | null;
  errorCode: string | null;
  attempts: number;
  cancelRequestedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  failedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type BookDetail = { book: Book; chapters: Chapter[]; job: Job | null };

/** What one revision changed (BookRevision.changes); older or generated revisions carry only `kind`. */
export type RevisionChanges = {
  /** generated, chapter.updated, book.updated, chapters.reordered or revision.restored (unknown kinds may come). */
  kind: string;
  chapters?: { id: string; order: number; from?: number; title: string; fields: string[] }[];
  fields?: string[];
  wordsDelta?: number;
  restoredFrom?: string;
};

/** One entry of a book's history (GET /revisions); its text comes from GET /revisions/:id. */
export type Revision = {
  id: string;
  bookId: string;
  version: string;
  changes: RevisionChanges | null;
  authorId: string | null;
  author: { id: string; name: string } | null;
  characters: number;
  createdAt: string;
};

export type RevisionPage = { items: Revision[]; nextCursor: string | null };

/** The answer of PATCH /api/books/:id and of a restore: the saved book and whether its formats are stale. */
export type BookEditResult = {
  book: Book & { formatsStale: boolean };
  revision: Revision | null;
  changed?: string[];
};

export type BookFormatRow = {
  format: FormatType;
  status: FormatStatus;
  available: boolean;
  stale: boolean;
  fileName: string | null;
  fileExtension: string;
  contentType: string;
  size: number | null;
  renderedAt: string | null;
  error: string | null;
  downloads: number;
  downloadUrl: string | null;
};

export type BookFormats = { bookId: string; formatsStale: boolean; hasContent: boolean; formats: BookFormatRow[] };

export type DownloadCounts = {
  bookId: string;
  total: number;
  byFormat: Record<FormatType, number>;
  byDay: { date: string; count: number }[];
};

export type NotificationItem = {
  id: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
  organizationId: string | null;
};

/** True once a job can no longer change by itself. */
export function isFinishedJob(status: JobStatus | undefined | null): boolean {
  return status === "COMPLETED" || status === "FAILED";
}
