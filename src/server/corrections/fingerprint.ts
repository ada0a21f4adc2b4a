import "server-only";
import { createHash } from "node:crypto";

/** Characters of text kept either side of a finding, to fingerprint it and re-anchor it after edits. */
export const CONTEXT_CHARS = 40;
/** Of those, how many take part in the fingerprint (a little context: nearby edits should not change it). */
const FINGERPRINT_CONTEXT_CHARS = 16;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Hash of a chapter's text: a check re-reads a chapter only when this differs from its `checkedHash`. */
export function contentHash(content: string): string {
  return sha256(content);
}

/** The text around [start, end) of `content`, as stored with a finding. */
export function contextAround(content: string, start: number, end: number): { before: string; after: string } {
  return {
    before: content.slice(Math.max(0, start - CONTEXT_CHARS), start),
    after: content.slice(end, end + CONTEXT_CHARS),
  };
}

// Whitespace runs and case do not make a finding different (a re-wrapped paragraph keeps its findings).
const normalise = (text: string) => text.replace(/\s+/g, " ").toLowerCase();

/**
 * Identity of a finding across re-checks: checker, rule, the flagged text and a little normalised context,
 * NOT the offsets (an edit earlier in the chapter moves them). `occurrence` tells apart the same mistake
 * written twice with the same surroundings.
 */
export function findingFingerprint(input: {
  checker: string;
  ruleId: string;
  original: string;
  before: string;
  after: string;
  occurrence?: number;
  scopeKey?: string;
}): string {
  const before = normalise(input.before).slice(-FINGERPRINT_CONTEXT_CHARS);
  const after = normalise(input.after).slice(0, FINGERPRINT_CONTEXT_CHARS);
  return sha256(
    JSON.stringify([
      input.checker,
      input.ruleId,
      input.original,
      before,
      after,
      input.occurrence ?? 0,
      input.scopeKey ?? "",
    ]),
  );
}

/** Fingerprints for a list of findings, numbering the ones that would otherwise collide. */
export function assignFingerprints<T>(items: T[], base: (item: T) => string): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = base(item);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return occurrence === 0 ? key : sha256(`${key}#${occurrence}`);
  });
}
