import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { en } from "@/i18n/messages/en";
import { fr } from "@/i18n/messages/fr";
import { lookupMessage } from "@/i18n/translate";
import type { ErrorCode } from "@/server/errors";
import { describeIssue } from "./describe-issue";
import { isMessageKey, issueMessage } from "./message-for";

// The string arguments of Zod calls (and `message`/`error` options) in the source: the messages a user can
// see next to a field, written as catalog keys or (until the codemod) as English sentences.
const ZOD_METHODS = new Set([
  "min",
  "max",
  "length",
  "regex",
  "url",
  "email",
  "refine",
  "superRefine",
  "addIssue",
  "int",
  "positive",
  "nonnegative",
  "datetime",
  "startsWith",
  "endsWith",
  "gte",
  "lte",
  "gt",
  "lt",
  "nonempty",
  "string",
  "number",
  "enum",
  "boolean",
  "object",
  "array",
  "union",
  "literal",
  "date",
  "check",
  "includes",
]);
// String arguments of those calls that are data, not messages.
const NOT_MESSAGES = new Set(["PRIVATE KEY", "Scriptorium <no-reply@scriptorium.local>"]);

function schemaMessages(): Map<string, string> {
  const found = new Map<string, string>();
  const files = (readdirSync("src", { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !/\.test\.ts$|^generated\/|^i18n\/|\/testing\//.test(f))
    .map((f) => join("src", f));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node) => {
      if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return;
      // Keys, and prose: enum values, codes and paths are not shown as messages.
      const prose = /^[A-Z]/.test(node.text) && node.text.includes(" ") && !NOT_MESSAGES.has(node.text);
      if (node.text.startsWith("validation.") || prose) {
        found.set(node.text, file);
      }
    };
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ZOD_METHODS.has(node.expression.name.text)
      ) {
        for (const argument of node.arguments) {
          add(argument);
          if (!ts.isObjectLiteralExpression(argument)) continue;
          for (const property of argument.properties) {
            if (ts.isPropertyAssignment(property) && ["message", "error"].includes(property.name.getText(source))) {
              add(property.initializer);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

// Every ErrorCode, so the compiler says when a code is added and this list is not.
const ERROR_CODES: Record<ErrorCode, true> = {
  VALIDATION_FAILED: true,
  INVALID_JSON: true,
  UNAUTHENTICATED: true,
  INVALID_API_KEY: true,
  API_KEY_REVOKED: true,
  API_KEY_EXPIRED: true,
  INSUFFICIENT_SCOPE: true,
  IDEMPOTENCY_KEY_REUSED: true,
  IDEMPOTENCY_KEY_IN_USE: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  NO_ACTIVE_ORGANIZATION: true,
  LAST_OWNER: true,
  INVITATION_NOT_PENDING: true,
  INVITATION_EXPIRED: true,
  INVITATION_EMAIL_MISMATCH: true,
  ALREADY_MEMBER: true,
  SLUG_TAKEN: true,
  RATE_LIMITED: true,
  PLAN_LIMIT_REACHED: true,
  BILLING_NOT_CONFIGURED: true,
  BILLING_OFF: true,
  PAYMENT_PROVIDER_ERROR: true,
  INVALID_SIGNATURE: true,
  JOB_FINISHED: true,
  JOB_NOT_RETRYABLE: true,
  JOB_NOT_AWAITING_REVIEW: true,
  ENGINE_NOT_CONFIGURED: true,
  BOOK_BUSY: true,
  EDIT_CONFLICT: true,
  PAYLOAD_TOO_LARGE: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  FORBIDDEN_ORIGIN: true,
  INTERNAL: true,
  CORRECTION_STALE: true,
};

// Fields whose Zod default messages both the English and the French tests walk through.
const commonFields = {
  name: z.string().min(3).max(5),
  count: z.number().int().min(2).max(9),
  kind: z.enum(["a", "b"]),
  missing: z.string(),
  email: z.email(),
  site: z.url(),
  items: z.array(z.string()).min(1),
};

describe("validation and error catalog", () => {
  it("knows every message our schemas write: each is a catalog key", () => {
    const messages = schemaMessages();
    expect(messages.size).toBeGreaterThan(30);
    const unknown = [...messages].filter(([message]) => !isMessageKey(message));
    expect(unknown.map(([message, file]) => `${file}: ${message}`)).toEqual([]);
  });

  it("has an English and a French message for every error code", () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(lookupMessage(en, `errors.${code}`), code).toBeTruthy();
      expect(lookupMessage(fr, `errors.${code}`), code).toBeTruthy();
    }
  });

  it("describes Zod's default messages by shape, rendering Zod's own English exactly", () => {
    const schema = z.object({
      ...commonFields,
      when: z.iso.datetime().optional(),
      code: z
        .string()
        .regex(/^[a-z]+$/)
        .optional(),
      exact: z.literal("yes").optional(),
    });
    const bad = [
      { name: "ab", count: 1, kind: "c", email: "x", site: "nope", items: [], when: "soon", code: "A1", exact: "no" },
      { name: "abcdef", count: 10.5, kind: "a", missing: 4, email: "a@b.co", site: "https://x.y" },
      { extra: 1 },
    ];
    for (const input of bad) {
      for (const issue of schema.strict().safeParse(input).error!.issues) {
        const described = describeIssue(issue);
        expect(described.key, issue.message).not.toBe("validation.untranslated");
        expect(issueMessage(issue, "en")).toBe(issue.message);
      }
    }
    expect(describeIssue(schema.safeParse(bad[0]).error!.issues[0]!)).toEqual({
      key: "validation.tooSmall.characters.other",
      params: { origin: "string", comparison: "atLeast", minimum: 3 },
    });
  });

  it("says Zod's defaults in French, keeping the numbers and values", () => {
    const schema = z.object(commonFields);
    const messages = (input: unknown) =>
      schema.safeParse(input).error!.issues.map((issue) => issueMessage(issue, "fr"));
    expect(messages({ name: "ab", count: 1, kind: "c", email: "x", site: "nope", items: [] })).toEqual([
      "Trop court : au moins 3 caractères",
      "Trop petit : au moins 2",
      'Option invalide : une valeur parmi "a"|"b" attendue',
      "Champ obligatoire (type attendu : un texte)",
      "Adresse e-mail invalide",
      "URL invalide",
      "Trop court : au moins 1 élément",
    ]);
    expect(
      messages({ name: "abcdef", count: 10.5, kind: "a", missing: 4, email: "a@b.co", site: "https://x.y" }),
    ).toEqual([
      "Trop long : au plus 5 caractères",
      "Type invalide : attendu un nombre entier, reçu un nombre",
      "Type invalide : attendu un texte, reçu un nombre",
      "Champ obligatoire (type attendu : une liste)",
    ]);
  });

  it("takes a message that is a key as it is", () => {
    const keyed = z.string().min(1, "validation.title.required").safeParse("").error!.issues[0]!;
    expect(describeIssue(keyed)).toEqual({ key: "validation.title.required", params: {} });
    expect(issueMessage(keyed, "en")).toBe("Enter a title");
    expect(issueMessage(keyed, "fr")).toBe("Saisissez un titre");
  });

  it("leaves a message it does not know as written rather than guessing", () => {
    const custom = z.string().min(2, "Something new").safeParse("a").error!.issues[0]!;
    expect(describeIssue(custom)).toEqual({ key: "validation.untranslated", params: { message: "Something new" } });
    expect(issueMessage(custom, "fr")).toBe("Something new");
  });
});
