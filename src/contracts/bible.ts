import { z } from "zod";

// The book bible on the wire (GET/PUT /api/books/:id/bible): the names with their fixed spellings, key
// terms, facts, voice, tense and point of view every chapter of a generated book follows. The pipeline
// stores it in Book.bible after the outline and uses the stored one on every later run (retry).

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (max: number) => text(max).min(1, "Required");

export const bibleSchema = z.object({
  characters: z
    .array(z.object({ name: required(120), role: text(300).default("") }))
    .max(60)
    .default([]),
  terms: z
    .array(z.object({ term: required(120), meaning: text(300).default("") }))
    .max(60)
    .default([]),
  facts: z.array(required(300)).max(60).default([]),
  voice: text(300).default(""),
  tense: text(60).default(""),
  pointOfView: text(120).default(""),
});
export type Bible = z.infer<typeof bibleSchema>;

/**
 * What one chapter added to the bible while it was written (the names its text introduced, and what its
 * plan said it would introduce). Read-only: the pipeline writes it; later sections of every chapter follow it.
 */
export const chapterBibleAdditionsSchema = z.object({
  chapter: z.number().int().min(1),
  title: z.string(),
  characters: z.array(z.object({ name: z.string(), role: z.string() })),
  terms: z.array(z.object({ term: z.string(), meaning: z.string() })),
});
export type ChapterBibleAdditions = z.infer<typeof chapterBibleAdditionsSchema>;

/**
 * GET and PUT answer: the stored bible (null before the pipeline or the author wrote one) and, by chapter in
 * book order, what chapters added while they were written (chapters that added nothing are left out).
 */
export const bibleEnvelopeSchema = z.object({
  bible: bibleSchema.nullable(),
  additions: z.array(chapterBibleAdditionsSchema),
});
export type BibleEnvelope = z.infer<typeof bibleEnvelopeSchema>;

/** PUT /books/:id/bible body: the whole bible, replacing the stored one. */
export const updateBibleInput = z.object({ bible: bibleSchema }).strict();
export type UpdateBibleInput = z.infer<typeof updateBibleInput>;
