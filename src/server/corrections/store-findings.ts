import "server-only";
import type { BookFinding, Finding } from "@/checkers/checker";
import type { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db/client";
import { assignFingerprints, contextAround, findingFingerprint } from "./fingerprint";

export const NO_LONGER_PRESENT = "No longer present in the text";

/**
 * Stores what the checkers found in one chapter, given the text they read: upsert by fingerprint (a finding
 * seen again keeps its id and status; an OPEN one gets its new offsets and context), never reopening what a
 * person accepted or dismissed; OPEN findings not found again become RESOLVED. Returns how many are new.
 */
export async function storeChapterFindings(
  tx: DbTx,
  chapter: { id: string; bookId: string; organizationId: string; content: string },
  findings: Finding[],
): Promise<number> {
  const valid = findings
    .filter((f) => f.startOffset >= 0 && f.endOffset >= f.startOffset && f.endOffset <= chapter.content.length)
    .sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
  const contexts = valid.map((f) => contextAround(chapter.content, f.startOffset, f.endOffset));
  const fingerprints = assignFingerprints(valid, (f) => {
    const context = contextAround(chapter.content, f.startOffset, f.endOffset);
    return findingFingerprint({ ...f, before: context.before, after: context.after });
  });
  const existing = await tx.chapterCorrection.findMany({
    where: { chapterId: chapter.id, source: "CHECKER", fingerprint: { not: null } },
  });
  const byFingerprint = new Map(existing.map((row) => [row.fingerprint, row]));
  const seen = new Set<string>();
  let created = 0;
  for (const [index, finding] of valid.entries()) {
    const fingerprint = fingerprints[index] ?? "";
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    const context = contexts[index] ?? { before: "", after: "" };
    const fields = {
      type: finding.type,
      severity: finding.severity,
      message: finding.message.slice(0, 2000),
      original: finding.original,
      suggestion: finding.suggestions[0] ?? null,
      suggestions: finding.suggestions.slice(0, 20),
      startOffset: finding.startOffset,
      endOffset: finding.endOffset,
      contextBefore: context.before,
      contextAfter: context.after,
    } satisfies Prisma.ChapterCorrectionUpdateInput;
    const row = byFingerprint.get(fingerprint);
    if (!row) {
      await tx.chapterCorrection.create({
        data: {
          ...fields,
          chapterId: chapter.id,
          bookId: chapter.bookId,
          organizationId: chapter.organizationId,
          checker: finding.checker,
          ruleId: finding.ruleId,
          fingerprint,
        },
      });
      created += 1;
    } else if (row.status === "OPEN") {
      await tx.chapterCorrection.update({ where: { id: row.id }, data: fields });
    } else if (row.status === "RESOLVED" && row.resolvedById === null && row.resolutionNote === NO_LONGER_PRESENT) {
      // It had disappeared from the text and is back: open it again. Accepted and dismissed ones stay closed.
      await tx.chapterCorrection.update({
        where: { id: row.id },
        data: { ...fields, status: "OPEN", resolvedAt: null, resolutionNote: null },
      });
      created += 1;
    }
  }
  const gone = existing.filter((row) => row.status === "OPEN" && !seen.has(row.fingerprint ?? "")).map((r) => r.id);
  if (gone.length > 0) {
    await tx.chapterCorrection.updateMany({
      where: { id: { in: gone }, status: "OPEN" },
      data: { status: "RESOLVED", resolvedAt: new Date(), resolvedById: null, resolutionNote: NO_LONGER_PRESENT },
    });
  }
  return created;
}

/**
 * Stores the book-level findings of the checkers that ran (`checkerIds`): same rules as chapter findings;
 * OPEN findings of those checkers not found again become RESOLVED, findings of checkers that did not run
 * this time (coherence on an edit run) are left alone.
 */
export async function storeBookFindings(
  tx: DbTx,
  book: { id: string; organizationId: string },
  chapters: ReadonlyMap<string, string>,
  checkerIds: readonly string[],
  findings: BookFinding[],
): Promise<number> {
  const located = findings.map((f) => {
    const text = f.chapterId ? chapters.get(f.chapterId) : undefined;
    const anchored =
      text !== undefined &&
      f.startOffset !== null &&
      f.endOffset !== null &&
      f.startOffset >= 0 &&
      f.endOffset >= f.startOffset &&
      f.endOffset <= text.length;
    return { finding: f, anchored, text: text ?? "" };
  });
  const fingerprints = assignFingerprints(located, ({ finding, anchored, text }) => {
    const context = anchored
      ? contextAround(text, finding.startOffset ?? 0, finding.endOffset ?? 0)
      : { before: "", after: "" };
    return findingFingerprint({
      checker: finding.checker,
      ruleId: finding.ruleId,
      original: finding.original,
      before: context.before,
      after: context.after,
      // Without a passage, the message and the chapter tell two findings of the same rule apart.
      scopeKey: `${finding.chapterId ?? ""}|${anchored ? "" : finding.message}`,
    });
  });
  const existing = await tx.bookCorrection.findMany({
    where: { bookId: book.id, checker: { in: [...checkerIds] }, fingerprint: { not: null } },
  });
  const byFingerprint = new Map(existing.map((row) => [row.fingerprint, row]));
  const seen = new Set<string>();
  let created = 0;
  for (const [index, { finding, anchored }] of located.entries()) {
    const fingerprint = fingerprints[index] ?? "";
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    const fields = {
      type: finding.type,
      severity: finding.severity,
      message: finding.message.slice(0, 2000),
      original: finding.original || null,
      suggestion: finding.suggestions[0] ?? null,
      suggestions: finding.suggestions.slice(0, 20),
      startOffset: anchored ? finding.startOffset : null,
      endOffset: anchored ? finding.endOffset : null,
    };
    const row = byFingerprint.get(fingerprint);
    if (!row) {
      await tx.bookCorrection.create({
        data: {
          ...fields,
          bookId: book.id,
          organizationId: book.organizationId,
          chapterId: finding.chapterId && chapters.has(finding.chapterId) ? finding.chapterId : null,
          checker: finding.checker,
          ruleId: finding.ruleId,
          fingerprint,
        },
      });
      created += 1;
    } else if (row.status === "OPEN") {
      await tx.bookCorrection.update({ where: { id: row.id }, data: fields });
    } else if (row.status === "RESOLVED" && row.resolvedById === null && row.resolutionNote === NO_LONGER_PRESENT) {
      await tx.bookCorrection.update({
        where: { id: row.id },
        data: { ...fields, status: "OPEN", resolvedAt: null, resolutionNote: null },
      });
      created += 1;
    }
  }
  const gone = existing.filter((row) => row.status === "OPEN" && !seen.has(row.fingerprint ?? "")).map((r) => r.id);
  if (gone.length > 0) {
    await tx.bookCorrection.updateMany({
      where: { id: { in: gone }, status: "OPEN" },
      data: { status: "RESOLVED", resolvedAt: new Date(), resolvedById: null, resolutionNote: NO_LONGER_PRESENT },
    });
  }
  return created;
}
