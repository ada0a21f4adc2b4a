import "server-only";
import { AppError } from "@/server/errors";

// NUL cannot be stored in PostgreSQL text (22021, a 500 before this rule); the other C0 controls are never
// typed by a person and are dropped by every exporter anyway. TAB, LF and CR are ordinary text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export const CONTROL_CHARACTER_MESSAGE = "validation.text.controlCharacters";

/** True when the string holds NUL or another C0 control character other than TAB, LF and CR. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** The path ("chapters.2.content") of the first string or object key holding a control character, if any. */
export function findControlCharacter(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return hasControlCharacter(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (hasControlCharacter(key)) return [...path, key];
      const found = findControlCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The one input rule for text: any string (at any depth, keys included) with NUL or another control
 * character is refused with 400 VALIDATION_FAILED naming its path, before a schema or the database sees it.
 */
export function assertNoControlCharacters(value: unknown, path: (string | number)[] = []): void {
  const found = findControlCharacter(value, path);
  if (!found) return;
  const field = found.length > 0 ? found.join(".") : undefined;
  throw new AppError("VALIDATION_FAILED", `${field ? `${field}: ` : ""}${CONTROL_CHARACTER_MESSAGE}`, {
    field,
    details: { issues: [{ field: field ?? "", message: CONTROL_CHARACTER_MESSAGE }] },
  });
}
