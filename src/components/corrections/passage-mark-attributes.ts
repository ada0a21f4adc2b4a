import { COMMENT_MARK_ATTRIBUTE, commentOnlyMarkClass } from "@/components/review/review-marks";
import { commentBodyElementId, type ReviewValue } from "@/components/review/review-state";
import type { CorrectionsValue } from "./corrections-state";
import { FINDING_MARK_ATTRIBUTE } from "./finding-navigation";
import { findingMarkClass, worstFirst } from "./finding-style";

/** A marked run's attributes, by their HTML names (`class`, `tabindex`), every value a string. */
export type PassageMarkAttributes = Record<string, string>;

/**
 * What a run of text that findings and/or open comments cover wears: FindingMark and CommentMark render it,
 * and the reader's opening chapter, rendered by the server, gets it set in place (prerendered-chapter-text),
 * so both are the same control. A run under findings is a button that opens the popover (the comments'
 * highlight and description join it: one control, never two nested); a run under comments only opens its
 * thread. Null when nothing known covers it (a finding resolved since, or no provider around).
 */
export function passageMarkAttributes(
  findingIds: string[],
  commentIds: string[],
  corrections: CorrectionsValue | null,
  review: ReviewValue | null,
): PassageMarkAttributes | null {
  const worst = corrections ? worstFirst(findingIds.flatMap((id) => corrections.byId.get(id) ?? []))[0] : undefined;
  const commented = review !== null && commentIds.length > 0;
  const comments = commented ? commentMarkDescription(review.markHintId, commentIds) : "";
  if (corrections && worst) {
    const description = corrections.descriptionId(worst.type, worst.severity);
    const open = corrections.open?.ids.join(" ") === findingIds.join(" ");
    return {
      [FINDING_MARK_ATTRIBUTE]: "",
      ...(commented ? { [COMMENT_MARK_ATTRIBUTE]: "", "data-comment-ids": commentIds.join(" ") } : {}),
      "data-finding-ids": findingIds.join(" "),
      "data-severity": worst.severity,
      "data-type": worst.type,
      role: "button",
      tabindex: "0",
      "aria-haspopup": "dialog",
      "aria-describedby": commented ? `${description} ${comments}` : description,
      "aria-expanded": String(open),
      class: findingMarkClass(worst.severity, commented, open),
    };
  }
  if (!commented) return null;
  return {
    [COMMENT_MARK_ATTRIBUTE]: "",
    "data-comment-ids": commentIds.join(" "),
    role: "button",
    tabindex: "0",
    "aria-describedby": comments,
    class: commentOnlyMarkClass,
  };
}

/** The same attributes as React props (`className`, `tabIndex`). */
export function asMarkProps({ class: className, tabindex, ...rest }: PassageMarkAttributes) {
  return { ...rest, className, tabIndex: Number(tabindex) };
}

/** "Commented passage" and the body of each comment on it, for aria-describedby. */
export function commentMarkDescription(markHintId: string, commentIds: string[]): string {
  return [markHintId, ...commentIds.map(commentBodyElementId)].join(" ");
}
