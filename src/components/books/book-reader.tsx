"use client";

import { BookOpen, FlaskConical, PencilLine } from "lucide-react";
import { IntentLink } from "@/components/ui/intent-link";
import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { useMe } from "@/components/app-shell/me-provider";
import { booksHomePath, chapterEditorPath } from "@/lib/book-paths";
import { ShareButton } from "@/components/sharing/share-button";
import { ButtonLink } from "@/components/ui/button";
import { DeferredPanel } from "@/components/ui/deferred-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { BookDetails } from "./book-details";
import { formatDate, formatNumber } from "./book-format";
import type { ChapterSummary, ReaderBook } from "@/contracts/books";
import { ChapterOrder } from "./chapter-order";
import { DeleteBook } from "./delete-book";
import { FormatsPanel } from "./formats-panel";
// Straight from their files, not the corrections index, which also exports the Markdown view (react-markdown
// loads only when a chapter must be rendered in the browser, see lazy-chapter-text.tsx).
import { CorrectionsProvider } from "@/components/corrections/corrections-context";
import { CorrectionsPanel } from "@/components/corrections/corrections-panel";
import { ReviewProvider } from "@/components/review/review-context";
import { ReviewPanel } from "@/components/review/review-panel";
import { LazyChapterText } from "./lazy-chapter-text";
import { readerChapterClass } from "./reader-chapter-class";
import { RevisionHistory } from "./revision-history";
import { BookHeader } from "./book-header";
import { BookBiblePanel } from "./book-bible-panel";
import { GenerationReport } from "./generation-report";
import { useBookArea } from "./use-book-area";

/** A chapter in the reader: its text only when the page already has it (see lazy-chapter-text.tsx). */
export type ReaderChapter = ChapterSummary & { content?: string };
/** The book as the reader gets it: the first render carries the opening chapter's text only. */
export type ReaderDetail = Omit<ReaderBook, "chapters"> & { chapters: ReaderChapter[] };
/**
 * The opening chapter's text as the server rendered it (an HTML string, with the marks `marksKey` names), for
 * the version of the chapter it was made from.
 */
export type PrerenderedChapter = { chapterId: string; updatedAt: string; html: string; marksKey: string };

/**
 * The reader: the whole book (each chapter's text loaded as it nears the window) with its table of contents (anchors to each chapter), a banner when the prose
 * is demo placeholder text, below it the details (editable by writers) and the history (restorable by
 * writers), and beside it the formats, the chapter order and the danger zone, each shown only to the roles
 * that may use it (guests read, members edit, owners and admins also delete).
 */
export function BookReader({
  detail,
  opening,
  reviewKey = null,
  onChanged,
}: {
  detail: ReaderDetail;
  opening?: PrerenderedChapter;
  /** The review state when the server rendered the page (see ReviewProvider's `renderedKey`). */
  reviewKey?: string | null;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const locale = useLocale();
  const lookup = useOptionalMessage();
  const { me } = useMe();
  // Members read in /app, outside collaborators under /shared; links keep each in theirs.
  const area = useBookArea();
  // What this person may do on this book (organization role and book role together, from the server);
  // a collaborator from outside the organization has no role in the active organization that would say.
  const { book, chapters, job, access } = detail;
  const writer = access.edit;
  const sorted = [...chapters].sort((a, b) => a.order - b.order);
  const words = sorted.reduce((sum, c) => sum + c.wordCount, 0);
  const busy = job !== null && job.status !== "COMPLETED" && job.status !== "FAILED";

  return (
    <div className="space-y-6">
      <BookHeader book={book} status={book.status} demo={book.isDemoContent} />
      <p className="-mt-4 text-sm text-stone-600">
        {t("books.reader.meta", {
          chapters: formatNumber(sorted.length, locale),
          words: formatNumber(words, locale),
          language: lookup(`books.languages.${book.language}`) ?? book.language,
        })}{" "}
        · {t("books.reader.createdOn", { date: formatDate(book.createdAt, locale) })}
      </p>

      {book.isDemoContent ? (
        <div
          role="note"
          className="flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900"
          data-testid="demo-banner"
        >
          <FlaskConical className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>{t("books.reader.demoBanner")}</p>
        </div>
      ) : null}
      <div className="-mt-2">
        <ShareButton bookId={book.id} title={book.title} />
      </div>
      {job && !busy ? <GenerationReport job={job} /> : null}
      {!writer ? <p className="text-sm text-stone-600">{t("books.reader.readOnly")}</p> : null}

      {sorted.length === 0 ? (
        <EmptyState
          icon={BookOpen}
          title={t("books.reader.draftTitle")}
          description={t("books.reader.draftDescription")}
          action={
            <ButtonLink href={booksHomePath(area)} variant="secondary">
              {t("books.reader.backToBooks")}
            </ButtonLink>
          }
        />
      ) : (
        <CorrectionsProvider bookId={book.id} canWrite={writer} onTextChanged={onChanged}>
          <ReviewProvider bookId={book.id} articleId="book-text" renderedKey={reviewKey}>
            <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
              <div className="min-w-0 space-y-6">
                <article
                  id="book-text"
                  aria-label={book.title}
                  className="rounded-xl border border-stone-200 bg-white px-5 py-6 shadow-sm wrap-anywhere sm:px-10 sm:py-10"
                  lang={book.language}
                >
                  {sorted.map((chapter, index) => {
                    const number = index + 1;
                    return (
                      <section
                        key={chapter.id}
                        id={`chapter-${number}`}
                        aria-labelledby={`chapter-${number}-title`}
                        className="scroll-mt-6 border-b border-stone-100 pb-10 pt-2 last:border-b-0 last:pb-0 [&+section]:pt-10"
                        data-chapter-id={chapter.id}
                      >
                        <div className="flex flex-wrap items-start justify-between gap-3">
                          <div className="min-w-0">
                            <p className="text-xs font-medium uppercase tracking-widest text-ink-700">
                              {t("books.reader.chapterLabel", { number })}
                            </p>
                            <h2
                              id={`chapter-${number}-title`}
                              className="mt-1 font-serif text-2xl font-semibold text-stone-900"
                            >
                              {chapter.title}
                            </h2>
                          </div>
                          {writer ? (
                            <IntentLink
                              href={chapterEditorPath(area, book.id, chapter.id)}
                              aria-label={t("books.reader.editChapterLabel", { number, title: chapter.title })}
                              className="inline-flex items-center gap-1.5 rounded-lg border border-stone-300 bg-white px-2.5 py-1 text-sm font-medium text-stone-700 shadow-sm hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ink-600"
                              data-testid="edit-chapter"
                            >
                              <PencilLine className="size-4" aria-hidden="true" />
                              {t("books.reader.editChapter")}
                            </IntentLink>
                          ) : null}
                        </div>
                        <LazyChapterText
                          key={chapter.updatedAt}
                          bookId={book.id}
                          chapterId={chapter.id}
                          content={chapter.content}
                          wordCount={chapter.wordCount}
                          className={readerChapterClass}
                          prerendered={
                            opening?.chapterId === chapter.id && opening.updatedAt === chapter.updatedAt
                              ? opening
                              : undefined
                          }
                        />
                      </section>
                    );
                  })}
                </article>
                {/* Below the text: rendered once the page is up (see DeferredPanel). */}
                <DeferredPanel>
                  <BookDetails book={book} canEdit={writer} busy={busy} onChanged={onChanged} />
                </DeferredPanel>
                <DeferredPanel>
                  <BookBiblePanel bookId={book.id} canEdit={writer} />
                </DeferredPanel>
                {access.history ? (
                  <DeferredPanel>
                    <RevisionHistory book={book} canRestore={writer} busy={busy} onChanged={onChanged} />
                  </DeferredPanel>
                ) : null}
              </div>

              <aside className="min-w-0 space-y-6">
                <nav
                  aria-label={t("books.reader.tocLabel")}
                  className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm lg:sticky lg:top-4"
                >
                  <h2 className="text-sm font-semibold text-stone-900">{t("books.reader.toc")}</h2>
                  <ol className="mt-2 space-y-1 text-sm">
                    {sorted.map((chapter, index) => (
                      <li key={chapter.id}>
                        <a
                          href={`#chapter-${index + 1}`}
                          className="flex gap-2 rounded-md px-2 py-1 text-stone-700 hover:bg-ink-50 hover:text-ink-900 focus-visible:outline-2 focus-visible:outline-ink-600"
                        >
                          <span className="tabular-nums text-stone-500">{index + 1}.</span>
                          <span className="min-w-0 flex-1 wrap-anywhere">{chapter.title}</span>
                        </a>
                      </li>
                    ))}
                  </ol>
                </nav>
                {/* Beside the text (below it on a phone): rendered once the page is up, see DeferredPanel. */}
                <DeferredPanel>
                  <ReviewPanel
                    bookId={book.id}
                    chapters={sorted}
                    articleId="book-text"
                    canComment={access.comment}
                    canResolve={access.resolve}
                    userId={me.user.id}
                  />
                </DeferredPanel>
                <DeferredPanel>
                  <CorrectionsPanel bookId={book.id} chapters={sorted} />
                </DeferredPanel>
                <DeferredPanel>
                  <FormatsPanel bookId={book.id} canWrite={writer} version={book.updatedAt} />
                </DeferredPanel>
                {writer ? (
                  <DeferredPanel>
                    <ChapterOrder bookId={book.id} chapters={sorted} disabled={busy} onChanged={onChanged} />
                  </DeferredPanel>
                ) : null}
                {access.delete ? (
                  <DeferredPanel>
                    <DeleteBook book={book} />
                  </DeferredPanel>
                ) : null}
              </aside>
            </div>
          </ReviewProvider>
        </CorrectionsProvider>
      )}
    </div>
  );
}
