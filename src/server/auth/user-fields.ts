import "server-only";
import { z } from "zod";
import { locales } from "@/i18n/locales";

export const USER_NAME_MAX = 100;
export const EMAIL_MAX = 254;
export const IMAGE_URL_MAX = 2048;

// C0/C1 control characters (NUL, escapes, newlines) and bidirectional overrides, which can make a name
// display as something else in every list and email that shows it.
const UNSAFE_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const safeText = (max: number) =>
  z
    .string()
    .max(max, `Use at most ${max} characters`)
    .refine((value) => !UNSAFE_CHARACTERS.test(value), "validation.text.noControlCharacters");

const name = safeText(USER_NAME_MAX).refine((value) => value.trim().length > 0, "validation.name.required");
const email = safeText(EMAIL_MAX);
const image = safeText(IMAGE_URL_MAX)
  .refine((value) => /^https?:\/\//i.test(value), "validation.url.scheme")
  .nullable();
const locale = z.enum(locales, "validation.book.language");

/** The user fields each better-auth endpoint lets a caller write, with their limits. */
const writableFields: Record<string, z.ZodType> = {
  "/sign-up/email": z.object({ name, email, image: image.optional(), locale: locale.optional() }),
  "/update-user": z.object({ name: name.optional(), image: image.optional(), locale: locale.optional() }),
  "/change-email": z.object({ newEmail: email }),
};

/**
 * Checks the user fields of a better-auth request body; returns the first field at fault, or null.
 * Only fields better-auth would store are checked (it validates the rest, e.g. email syntax, passwords).
 */
export function invalidUserField(path: string, body: unknown): { field: string; message: string } | null {
  const schema = writableFields[path];
  if (!schema || !body || typeof body !== "object") return null;
  const result = schema.safeParse(body);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  // A missing field is better-auth's to report (it names the field the way it always has).
  const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], body);
  if (issue.code === "invalid_type" && value === undefined) return null;
  const field = issue.path.join(".");
  return { field, message: `${field}: ${issue.message}` };
}

/**
 * Brings user data from elsewhere (an OAuth profile) within the same limits before it is stored:
 * control characters dropped, the name cut to its maximum, an unknown locale replaced by the default.
 */
export function withinUserFieldLimits<T extends Record<string, unknown>>(data: T): T {
  const next: Record<string, unknown> = { ...data };
  if (typeof next.name === "string") {
    next.name = next.name.replace(new RegExp(UNSAFE_CHARACTERS.source, "gu"), "").slice(0, USER_NAME_MAX);
  }
  if ("locale" in next && next.locale !== undefined && !locale.safeParse(next.locale).success) next.locale = locales[0];
  if (typeof next.image === "string" && !image.safeParse(next.image).success) next.image = null;
  return next as T;
}
