"use client";

import { MessageSquare } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import type { Comment, MentionablePerson } from "@/contracts/comments";
import { useCorrections } from "@/components/corrections/corrections-state";
import { useBookErrorText } from "@/components/books/use-book-error-text";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { locateInMarkdown, readSelection, type SelectedText } from "./passage-selection";
import { commentBodyElementId, threadElementId, useReview } from "./review-state";

interface ChapterRef {
  id: string;
  title: string;
}

/**
 * The book's review beside the reader: select a passage of the text, then "Comment" or "Suggest a change"
 * (a suggestion joins the Corrections panel with its author); every comment's thread with its replies,
 * resolve / reopen and delete; @mentions picked from the people who can see the book. New comments, replies
 * and suggestions from others arrive live over the book's event stream (`?review=1`, `event: review`), read
 * by the ReviewProvider around it, which also links each open thread to its passage highlighted in the text.
 */
export function ReviewPanel({
  bookId,
  chapters,
  articleId,
  canComment,
  canResolve,
  userId,
}: {
  bookId: string;
  chapters: ChapterRef[];
  /** The id of the element holding the book's text, where selections count. */
  articleId: string;
  canComment: boolean;
  /** Resolve and reopen threads, delete anyone's comment (writers); a commenter deletes their own only. */
  canResolve: boolean;
  userId: string;
}) {
  const t = useT();
  const corrections = useCorrections();
  const review = useReview();
  const comments = review?.comments ?? null;
  const loadError = review?.loadError ?? null;
  const load = review?.reload ?? (async () => {});
  const [people, setPeople] = useState<MentionablePerson[]>([]);
  const [selected, setSelected] = useState<SelectedText | null>(null);
  const [mode, setMode] = useState<"comment" | "suggest" | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const refreshCorrections = corrections?.refresh;

  useEffect(() => {
    if (!canComment) return;
    void apiFetch(`/api/books/${bookId}/comments/mentionable`, { schema: "mentionableListSchema" }).then((result) => {
      if (result.ok) setPeople(result.data.items);
    });
  }, [bookId, canComment]);

  // What the reader has selected in the book's text (kept while they type in the panel).
  useEffect(() => {
    if (!canComment) return;
    const onSelection = () => {
      const next = readSelection(document.getElementById(articleId));
      if (next) setSelected(next);
    };
    document.addEventListener("selectionchange", onSelection);
    // The opening chapter arrives as server HTML: a reader may select in it before the page is interactive.
    onSelection();
    return () => document.removeEventListener("selectionchange", onSelection);
  }, [articleId, canComment]);

  const chapterTitle = (id: string) => chapters.find((c) => c.id === id)?.title ?? "";
  const open = (comments ?? []).filter((c) => c.status === "OPEN");
  const resolved = (comments ?? []).filter((c) => c.status === "RESOLVED");

  const threadOf = (comment: Comment) => (
    <Thread
      key={comment.id}
      bookId={bookId}
      comment={comment}
      chapterTitle={chapterTitle(comment.chapterId)}
      canComment={canComment}
      canResolve={canResolve}
      mine={comment.author?.id === userId}
      people={people}
      onChanged={load}
      onShowPassage={review && comment.status === "OPEN" && !comment.detached ? review.showPassage : undefined}
    />
  );
  return (
    <section
      aria-labelledby="review-title"
      className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
      data-testid="review-panel"
    >
      <h2 id="review-title" className="flex items-center gap-2 text-sm font-semibold text-stone-900">
        <MessageSquare className="size-4" aria-hidden="true" />
        {t("review.title")}
      </h2>
      <Alert tone={notice?.tone === "error" ? "error" : "success"} className="mt-3">
        {notice?.text}
      </Alert>

      {canComment ? (
        <div className="mt-3 space-y-2 text-sm">
          {selected ? (
            <p className="text-stone-700 wrap-anywhere" data-testid="review-selection">
              {t("review.selected")} <q>{selected.text}</q>
            </p>
          ) : (
            <p className="text-stone-600">{t("review.selectHint")}</p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="secondary"
              disabled={!selected}
              onClick={() => setMode("comment")}
              data-testid="review-comment"
            >
              {t("review.comment")}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={!selected}
              onClick={() => setMode("suggest")}
              data-testid="review-suggest"
            >
              {t("review.suggest")}
            </Button>
          </div>
          {selected && mode ? (
            <Composer
              key={`${mode}-${selected.chapterId}-${selected.text}`}
              bookId={bookId}
              mode={mode}
              selected={selected}
              people={people}
              onCancel={() => setMode(null)}
              onDone={async (text) => {
                setMode(null);
                setSelected(null);
                setNotice({ tone: "success", text });
                await load();
                await refreshCorrections?.();
              }}
            />
          ) : null}
        </div>
      ) : null}

      {loadError ? <p className="mt-3 text-sm text-red-700">{loadError}</p> : null}
      {comments === null && !loadError ? <p className="mt-3 text-sm text-stone-600">{t("review.loading")}</p> : null}
      {comments !== null && comments.length === 0 ? (
        <p className="mt-3 text-sm text-stone-600">{t("review.empty")}</p>
      ) : null}
      {open.length > 0 ? (
        <ol className="mt-3 space-y-3" aria-label={t("review.openThreads")}>
          {open.map(threadOf)}
        </ol>
      ) : null}
      {resolved.length > 0 ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-stone-700">
            {t("review.resolvedThreads", { count: String(resolved.length) })}
          </summary>
          <ol className="mt-2 space-y-3">{resolved.map(threadOf)}</ol>
        </details>
      ) : null}
    </section>
  );
}

/** The body box with its @mention picker: "@Name" goes into the text, the person's id with the request. */
function MentionableBody({
  id,
  label,
  value,
  onChange,
  people,
  onMention,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  people: MentionablePerson[];
  onMention: (person: MentionablePerson) => void;
}) {
  const t = useT();
  const [pick, setPick] = useState("");
  return (
    <div className="space-y-2">
      <TextAreaField
        id={id}
        name={id}
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
      {people.length > 0 ? (
        <div className="flex flex-wrap items-end gap-2">
          <label className="min-w-0 flex-1 text-xs text-stone-700">
            {t("review.mention")}
            <select
              className="mt-1 block h-8 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm"
              value={pick}
              onChange={(e) => setPick(e.target.value)}
              data-testid="mention-picker"
            >
              <option value="">{t("review.mentionPlaceholder")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
            </select>
          </label>
          <Button
            size="sm"
            variant="ghost"
            disabled={!pick}
            onClick={() => {
              const person = people.find((p) => p.id === pick);
              if (!person) return;
              onMention(person);
              onChange(`${value}${value && !value.endsWith(" ") ? " " : ""}@${person.name} `);
              setPick("");
            }}
          >
            {t("review.mentionAdd")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function Composer({
  bookId,
  mode,
  selected,
  people,
  onCancel,
  onDone,
}: {
  bookId: string;
  mode: "comment" | "suggest";
  selected: SelectedText;
  people: MentionablePerson[];
  onCancel: () => void;
  onDone: (notice: string) => Promise<void>;
}) {
  const t = useT();
  const errorText = useBookErrorText();
  const [text, setText] = useState(mode === "suggest" ? selected.text : "");
  const [mentionIds, setMentionIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const chapter = await apiFetch(`/api/books/${bookId}/chapters/${selected.chapterId}`, {
      schema: "chapterDetailSchema",
    });
    const passage = chapter.ok ? locateInMarkdown(chapter.data.chapter.content, selected) : null;
    if (!passage) {
      setSaving(false);
      return setError(t("review.cannotAnchor"));
    }
    const result =
      mode === "comment"
        ? await apiFetch(`/api/books/${bookId}/comments`, {
            body: { chapterId: selected.chapterId, ...passage, body: text, mentionIds },
            schema: "commentEnvelopeSchema",
          })
        : await apiFetch(`/api/books/${bookId}/suggestions`, {
            body: { chapterId: selected.chapterId, ...passage, replacement: text },
            schema: "correctionEnvelopeSchema",
          });
    setSaving(false);
    if (!result.ok) return setError(errorText(result.error.code));
    await onDone(mode === "comment" ? t("review.commented") : t("review.suggested"));
  }

  const fieldId = mode === "comment" ? "review-comment-body" : "review-suggestion-text";
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2 rounded-lg border border-stone-200 p-3">
      {mode === "comment" ? (
        <MentionableBody
          id={fieldId}
          label={t("review.commentLabel")}
          value={text}
          onChange={setText}
          people={people}
          onMention={(person) => setMentionIds((ids) => [...new Set([...ids, person.id])])}
        />
      ) : (
        <TextAreaField
          id={fieldId}
          name={fieldId}
          label={t("review.suggestLabel")}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          size="sm"
          loading={saving}
          disabled={saving || (mode === "comment" && !text.trim())}
          data-testid="review-submit"
        >
          {mode === "comment" ? t("review.post") : t("review.propose")}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t("review.cancel")}
        </Button>
      </div>
    </form>
  );
}

function Thread({
  bookId,
  comment,
  chapterTitle,
  canComment,
  canResolve,
  mine,
  people,
  onChanged,
  onShowPassage,
}: {
  bookId: string;
  comment: Comment;
  chapterTitle: string;
  canComment: boolean;
  canResolve: boolean;
  mine: boolean;
  people: MentionablePerson[];
  onChanged: () => Promise<void>;
  /** Scrolls to the passage highlighted in the text (open threads still anchored there). */
  onShowPassage?: (comment: Comment) => void;
}) {
  const t = useT();
  const errorText = useBookErrorText();
  const [reply, setReply] = useState("");
  const [mentionIds, setMentionIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/books/${bookId}/comments/${comment.id}`;

  async function run(action: () => Promise<{ ok: boolean; error?: { code: string } }>) {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error?.code ?? "INTERNAL"));
    await onChanged();
  }

  const replyId = `reply-${comment.id}`;
  return (
    <li
      id={threadElementId(comment.id)}
      // Focused when its passage is activated in the text.
      tabIndex={-1}
      className="scroll-mt-6 space-y-2 rounded-lg border border-stone-200 p-3 text-sm focus:outline-2 focus:outline-offset-2 focus:outline-ink-600"
      data-testid="comment-thread"
      data-comment-id={comment.id}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="text-xs text-stone-600">{chapterTitle}</span>
        {comment.detached ? <Badge tone="amber">{t("review.detached")}</Badge> : null}
        {comment.status === "RESOLVED" ? <Badge tone="green">{t("review.resolved")}</Badge> : null}
      </div>
      <p className="border-l-2 border-amber-300 pl-2 text-stone-600 wrap-anywhere">
        <q>{comment.quote}</q>
      </p>
      {onShowPassage ? (
        <Button size="sm" variant="ghost" onClick={() => onShowPassage(comment)} data-testid="comment-show-passage">
          {t("review.showPassage")}
        </Button>
      ) : null}
      <p id={commentBodyElementId(comment.id)} className="text-stone-900 wrap-anywhere">
        <strong className="font-semibold">{comment.author?.name ?? t("review.someone")}</strong>: {comment.body}
      </p>
      {comment.replies.length > 0 ? (
        <ul className="space-y-1 border-l border-stone-200 pl-3" aria-label={t("review.replies")}>
          {comment.replies.map((r) => (
            <li key={r.id} className="text-stone-800 wrap-anywhere" data-testid="comment-reply">
              <strong className="font-semibold">{r.author?.name ?? t("review.someone")}</strong>: {r.body}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {canComment ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const result = await apiFetch(`${path}/replies`, {
                body: { body: reply, mentionIds },
                schema: "commentEnvelopeSchema",
              });
              if (result.ok) {
                setReply("");
                setMentionIds([]);
              }
              return result;
            });
          }}
        >
          <MentionableBody
            id={replyId}
            label={t("review.replyLabel")}
            value={reply}
            onChange={setReply}
            people={people}
            onMention={(person) => setMentionIds((ids) => [...new Set([...ids, person.id])])}
          />
          <div className="flex flex-wrap gap-2">
            <Button
              type="submit"
              size="sm"
              variant="secondary"
              disabled={busy || !reply.trim()}
              data-testid="reply-submit"
            >
              {t("review.reply")}
            </Button>
            {canResolve ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    apiFetch(`${path}/status`, {
                      body: { status: comment.status === "OPEN" ? "RESOLVED" : "OPEN" },
                      schema: "commentEnvelopeSchema",
                    }),
                  )
                }
                data-testid="comment-resolve"
              >
                {comment.status === "OPEN" ? t("review.resolve") : t("review.reopen")}
              </Button>
            ) : null}
            {mine || canResolve ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={busy}
                onClick={() => void run(() => apiFetch(path, { method: "DELETE", schema: null }))}
              >
                {t("review.delete")}
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}
    </li>
  );
}
