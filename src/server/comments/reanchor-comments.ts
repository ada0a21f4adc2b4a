import "server-only";
import { movedRange, type TextEdit } from "@/lib/text-edits";
import type { DbTx } from "@/server/db/client";
import { contextAround } from "@/server/corrections/fingerprint";

interface Anchor {
  startOffset: number;
  endOffset: number;
  quote: string;
  contextBefore: string;
  contextAfter: string;
}

/** How many characters of the stored context either side still surround [start, end) of `content`. */
function contextScore(content: string, start: number, end: number, anchor: Anchor): number {
  const around = contextAround(content, start, end);
  let score = 0;
  while (
    score < anchor.contextBefore.length &&
    score < around.before.length &&
    anchor.contextBefore.at(-1 - score) === around.before.at(-1 - score)
  ) {
    score++;
  }
  let after = 0;
  while (after < anchor.contextAfter.length && anchor.contextAfter[after] === around.after[after]) after++;
  return score + after;
}

/**
 * Where a passage whose offsets no longer read its quote went: the occurrence of the quote in the new text
 * with the most of its old surroundings, the nearest to `near` among equals; null when the quote is gone.
 */
export function relocate(content: string, anchor: Anchor, near: number): number | null {
  let best: { at: number; score: number; distance: number } | null = null;
  for (let at = content.indexOf(anchor.quote); at !== -1; at = content.indexOf(anchor.quote, at + 1)) {
    const score = contextScore(content, at, at + anchor.quote.length, anchor);
    const distance = Math.abs(at - near);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { at, score, distance };
    }
  }
  return best?.at ?? null;
}

/**
 * Inside the caller's transaction, after the chapter's text became `content` through `edits` (offsets of the
 * old text): moves the anchors of the chapter's comments like the findings' (src/lib/text-edits.ts). A comment
 * an edit touched is looked for by its quote and context; one whose quote is gone keeps it and becomes
 * `detached`. Detached comments stay detached.
 */
export async function reanchorComments(
  tx: DbTx,
  chapterId: string,
  edits: readonly TextEdit[],
  content: string,
): Promise<void> {
  if (edits.length === 0) return;
  const comments = await tx.bookComment.findMany({
    where: { chapterId, detached: false },
    select: { id: true, startOffset: true, endOffset: true, quote: true, contextBefore: true, contextAfter: true },
  });
  for (const comment of comments) {
    const next = movedRange(comment.startOffset, comment.endOffset, edits);
    if (next && content.slice(next.start, next.end) === comment.quote) {
      if (next.start !== comment.startOffset) {
        await tx.bookComment.update({
          where: { id: comment.id },
          data: { startOffset: next.start, endOffset: next.end },
        });
      }
      continue;
    }
    const at = relocate(content, comment, next?.start ?? comment.startOffset);
    if (at === null) {
      await tx.bookComment.update({ where: { id: comment.id }, data: { detached: true } });
      continue;
    }
    const context = contextAround(content, at, at + comment.quote.length);
    await tx.bookComment.update({
      where: { id: comment.id },
      data: {
        startOffset: at,
        endOffset: at + comment.quote.length,
        contextBefore: context.before,
        contextAfter: context.after,
      },
    });
  }
}
