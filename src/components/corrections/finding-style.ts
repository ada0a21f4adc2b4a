import type { CorrectionSeverity } from "@/contracts/corrections";
import { commentMarkClass } from "@/components/review/review-marks";

/**
 * How a mark looks for each severity: a colour AND a line style (double, wavy, dotted, dashed), so the
 * severity reads without colour too; screen readers get the type and severity as visually hidden text.
 */
export const severityMarkClass: Record<CorrectionSeverity, string> = {
  CRITICAL: "decoration-red-700 decoration-double",
  ERROR: "decoration-red-600 decoration-wavy",
  WARNING: "decoration-amber-600 decoration-dotted",
  INFO: "decoration-sky-700 decoration-dashed",
};

/** The badge tone of each severity in the panel. */
export const severityTone: Record<CorrectionSeverity, "red" | "amber" | "ink" | "neutral"> = {
  CRITICAL: "red",
  ERROR: "red",
  WARNING: "amber",
  INFO: "ink",
};

const rank: Record<CorrectionSeverity, number> = { CRITICAL: 3, ERROR: 2, WARNING: 1, INFO: 0 };

/** The most severe of some findings (a mark covered by several shows the worst one). */
export function worstFirst<T extends { severity: CorrectionSeverity }>(findings: T[]): T[] {
  return [...findings].sort((a, b) => rank[b.severity] - rank[a.severity]);
}

/** Every finding mark; its background is transparent, or a comment's highlight when comments cover it too. */
export const markBaseClass =
  "cursor-pointer rounded-sm text-inherit underline decoration-2 underline-offset-4 [text-decoration-skip-ink:none] hover:bg-stone-100 focus-visible:bg-ink-50 focus-visible:outline-2 focus-visible:outline-ink-600";

/**
 * The classes of a finding mark of the worst severity covering it: with a comment's highlight when comments
 * cover the run too, tinted while its popover is open. The server's marks (opening-chapter-html.tsx) and
 * FindingMark share it, so switching from one to the other changes nothing on screen.
 */
export function findingMarkClass(severity: CorrectionSeverity, commented: boolean, open: boolean): string {
  return [markBaseClass, severityMarkClass[severity], commented ? commentMarkClass : "bg-transparent"]
    .concat(open && !commented ? ["bg-ink-50"] : [])
    .join(" ");
}
