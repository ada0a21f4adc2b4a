"use client";

import { useState } from "react";
import type { Bible, ChapterBibleAdditions } from "@/contracts/bible";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useBookErrorText } from "./use-book-error-text";

/** "Name — role" lines <-> pairs: the form edits each list as one line per entry. */
const toLines = (pairs: { a: string; b: string }[]) => pairs.map((p) => (p.b ? `${p.a} — ${p.b}` : p.a)).join("\n");
const fromLines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [a, ...rest] = line.split(/\s+[—–-]\s+/);
      return { a: (a ?? "").trim(), b: rest.join(" — ").trim() };
    });

/** What each chapter added to the bible while it was written: read-only, labelled by chapter. */
function ChapterAdditions({ additions }: { additions: ChapterBibleAdditions[] }) {
  const t = useT();
  if (!additions.length) return null;
  return (
    <section className="mt-4 border-t border-stone-200 pt-3 text-sm" data-testid="book-bible-additions">
      <h3 className="font-medium text-stone-900">{t("books.bible.additionsTitle")}</h3>
      <p className="text-stone-600">{t("books.bible.additionsHint")}</p>
      <dl className="mt-2 grid gap-2">
        {additions.map((a) => (
          <div key={a.chapter}>
            <dt className="text-stone-500">
              {t("books.bible.additionsChapter", { order: a.chapter, title: a.title })}
            </dt>
            <dd className="text-stone-900">
              {[
                ...a.characters.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)),
                ...a.terms.map((x) => (x.meaning ? `${x.term}: ${x.meaning}` : x.term)),
              ].join("; ")}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * The book bible (names with fixed spellings, key terms, facts, voice, tense, point of view) that every
 * chapter of a generated book follows: shown to everyone, editable by writers; the next generation run of
 * the book (a retry) uses the saved one. Below it, read-only, what each chapter added while it was written.
 */
export function BookBiblePanel({ bookId, canEdit }: { bookId: string; canEdit: boolean }) {
  const t = useT();
  const errorText = useBookErrorText();
  const query = useApiQuery(`/api/books/${bookId}/bible`, "bibleEnvelopeSchema");
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bible = query.data?.bible ?? null;
  const additions = query.data?.additions ?? [];
  if (!bible && !additions.length && !canEdit) return null;

  async function save(form: FormData) {
    const text = (name: string) => String(form.get(name) ?? "");
    const next: Bible = {
      characters: fromLines(text("characters")).map((p) => ({ name: p.a, role: p.b })),
      terms: fromLines(text("terms")).map((p) => ({ term: p.a, meaning: p.b })),
      facts: text("facts")
        .split("\n")
        .map((f) => f.trim())
        .filter(Boolean),
      voice: text("voice").trim(),
      tense: text("tense").trim(),
      pointOfView: text("pointOfView").trim(),
    };
    setSaving(true);
    setError(null);
    const result = await apiFetch(`/api/books/${bookId}/bible`, {
      method: "PUT",
      body: { bible: next },
      schema: "bibleEnvelopeSchema",
    });
    setSaving(false);
    if (result.ok) {
      setEditing(false);
      await query.reload();
    } else setError(errorText(result.error.code));
  }

  return (
    <Card>
      <CardHeader
        title={t("books.bible.title")}
        description={t("books.bible.description")}
        actions={
          canEdit && !editing ? (
            <Button variant="secondary" onClick={() => setEditing(true)} data-testid="edit-bible">
              {t("books.bible.edit")}
            </Button>
          ) : null
        }
      />
      <CardBody>
        <Alert tone="error">{error}</Alert>
        {editing ? (
          <form
            className="space-y-3"
            onSubmit={(event) => {
              event.preventDefault();
              void save(new FormData(event.currentTarget));
            }}
          >
            <TextAreaField
              label={t("books.bible.characters")}
              hint={t("books.bible.linesHint")}
              name="characters"
              rows={4}
              defaultValue={toLines((bible?.characters ?? []).map((c) => ({ a: c.name, b: c.role })))}
            />
            <TextAreaField
              label={t("books.bible.terms")}
              hint={t("books.bible.linesHint")}
              name="terms"
              rows={3}
              defaultValue={toLines((bible?.terms ?? []).map((c) => ({ a: c.term, b: c.meaning })))}
            />
            <TextAreaField
              label={t("books.bible.facts")}
              name="facts"
              rows={3}
              defaultValue={(bible?.facts ?? []).join("\n")}
            />
            <TextField label={t("books.bible.voice")} name="voice" defaultValue={bible?.voice ?? ""} />
            <TextField label={t("books.bible.tense")} name="tense" defaultValue={bible?.tense ?? ""} />
            <TextField
              label={t("books.bible.pointOfView")}
              name="pointOfView"
              defaultValue={bible?.pointOfView ?? ""}
            />
            <div className="flex gap-2">
              <Button type="submit" loading={saving}>
                {t("books.bible.save")}
              </Button>
              <Button variant="ghost" type="button" onClick={() => setEditing(false)}>
                {t("books.bible.cancel")}
              </Button>
            </div>
          </form>
        ) : bible ? (
          <dl className="grid gap-3 text-sm" data-testid="book-bible">
            {bible.characters.length ? (
              <div>
                <dt className="text-stone-500">{t("books.bible.characters")}</dt>
                <dd className="text-stone-900">
                  {bible.characters.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)).join("; ")}
                </dd>
              </div>
            ) : null}
            {bible.terms.length ? (
              <div>
                <dt className="text-stone-500">{t("books.bible.terms")}</dt>
                <dd className="text-stone-900">
                  {bible.terms.map((x) => (x.meaning ? `${x.term}: ${x.meaning}` : x.term)).join("; ")}
                </dd>
              </div>
            ) : null}
            {bible.facts.length ? (
              <div>
                <dt className="text-stone-500">{t("books.bible.facts")}</dt>
                <dd className="text-stone-900">
                  <ul className="list-disc pl-5">
                    {bible.facts.map((fact) => (
                      <li key={fact}>{fact}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
            {(["voice", "tense", "pointOfView"] as const).map((field) =>
              bible[field] ? (
                <div key={field}>
                  <dt className="text-stone-500">{t(`books.bible.${field}`)}</dt>
                  <dd className="text-stone-900">{bible[field]}</dd>
                </div>
              ) : null,
            )}
          </dl>
        ) : (
          <p className="text-sm text-stone-600">{t("books.bible.empty")}</p>
        )}
        <ChapterAdditions additions={additions} />
      </CardBody>
    </Card>
  );
}
