import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FRENCH_VALIDATION_MESSAGES, frenchValidationMessage } from "./validation-messages-fr";

// The string arguments of Zod calls (and `message`/`error` options) in the server's source: the messages
// a French user can see next to a field.
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
    .filter((f) => f.endsWith(".ts") && !/\.test\.ts$|^generated\/|\/testing\//.test(f))
    .map((f) => join("src", f));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node) => {
      if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return;
      // Prose only: enum values, codes and paths are not shown as messages.
      if (/^[A-Z]/.test(node.text) && node.text.includes(" ") && !NOT_MESSAGES.has(node.text)) {
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

describe("French validation messages", () => {
  it("has a French entry for every message our schemas write", () => {
    const messages = schemaMessages();
    expect(messages.size).toBeGreaterThan(30);
    const missing = [...messages].filter(([message]) => !(message in FRENCH_VALIDATION_MESSAGES));
    expect(missing.map(([message, file]) => `${file}: ${message}`)).toEqual([]);
  });

  it("translates Zod's own default messages, keeping the numbers and values", () => {
    const schema = z.object({
      name: z.string().min(3).max(5),
      count: z.number().int().min(2).max(9),
      kind: z.enum(["a", "b"]),
      missing: z.string(),
      email: z.email(),
      site: z.url(),
      items: z.array(z.string()).min(1),
    });
    const messages = (input: unknown) =>
      schema.safeParse(input).error!.issues.map((issue) => frenchValidationMessage(issue.message));
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

  it("leaves a message it does not know in English rather than guessing", () => {
    expect(frenchValidationMessage("Something new")).toBe("Something new");
    expect(frenchValidationMessage("Enter a title")).toBe("Saisissez un titre");
  });
});
