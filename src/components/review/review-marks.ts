import type { Comment } from "@/contracts/comments";

// What marks a commented passage, in a module without "use client": the server renders the reader's opening
// chapter with its marks already in place (opening-chapter-html.tsx) and needs the same rules and classes.

/**
 * The comments whose passages are marked in a chapter's text: open ones still anchored there (a resolved
 * thread is done with, a detached one's words are gone; both stay in the panel only).
 */
export function markedComments<T extends Pick<Comment, "chapterId" | "status" | "detached">>(
  comments: readonly T[] | null,
  chapterId: string,
): T[] {
  return (comments ?? []).filter((c) => c.chapterId === chapterId && c.status === "OPEN" && !c.detached);
}

/** Every in-text comment mark carries this attribute (and data-comment-ids). */
export const COMMENT_MARK_ATTRIBUTE = "data-comment-mark";

/**
 * How a commented passage looks: a tinted background AND a thin box around it, so it reads apart from the
 * findings' coloured underlines without relying on colour; stronger while emphasised.
 */
export const commentMarkClass =
  "rounded-sm bg-amber-100 text-inherit outline-1 outline-amber-600 outline-solid [box-decoration-break:clone] data-[emphasised]:bg-amber-300 data-[emphasised]:outline-2 motion-safe:transition-colors";

/** A run only comments cover (no finding): the highlight, and it opens its thread. */
export const commentOnlyMarkClass = `${commentMarkClass} cursor-pointer hover:bg-amber-200 focus-visible:outline-2 focus-visible:outline-ink-600`;
