import "server-only";
import { createHash } from "node:crypto";

/** Characters of text kept either side of a finding, to fingerprint it and re-anchor it after edits. */
export const CONTEXT_CHARS = 40;

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

// Only the nearest word either side, lower-cased, takes part: a re-wrapped paragraph or an edit a few words
// away keeps the fingerprint, while the same mistake in another sentence gets its own.
const wordBefore = (text: string) => /([\p{L}\p{N}'’-]+)[^\p{L}\p{N}]*$/u.exec(text)?.[1]?.toLowerCase() ?? "";
const wordAfter = (text: string) => /^[^\p{L}\p{N}]*([\p{L}\p{N}'’-]+)/u.exec(text)?.[1]?.toLowerCase() ?? "";

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
  const before = wordBefore(input.before);
  const after = wordAfter(input.after);
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
