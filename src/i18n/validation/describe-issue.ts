// Which catalog message a Zod issue is, as a key and parameters: pure, so the server (error envelopes) and
// the browser (form checks run with the same schemas) describe an issue the same way. Only the validation
// part of the English catalog is needed here, so a client form pulls in no whole catalog.
import { util, type z } from "zod";
import { validationEn } from "@/i18n/messages/validation.en";
import { type MessageParams, type MessageRef, renderMessage } from "./render-message";

export type Issue = z.core.$ZodIssue;

const englishValidation = { validation: validationEn };
const english = (key: string, params: MessageParams = {}) => renderMessage(englishValidation, key, params);

/** A message no catalog entry covers: shown as written (in English), whatever the locale. */
const untranslated = (message: string): MessageRef => ({ key: "validation.untranslated", params: { message } });

/**
 * The key and parameters of an issue: its message when that is a catalog key (our schemas write keys); else
 * the key of Zod's default message for the issue's shape, when the message is that default; else the message
 * as is.
 */
export function describeIssue(issue: Issue): MessageRef {
  if (issue.message.startsWith("validation.") && english(issue.message) !== undefined) {
    return { key: issue.message, params: {} };
  }
  const shape = describeShape(issue);
  // A schema's own message on a sized check (`min(1, "…")`) is no Zod default: only an exact match is.
  if (shape && english(shape.key, shape.params) === issue.message) return shape;
  return untranslated(issue.message);
}

const UNITS: Record<string, string> = {
  string: "characters",
  file: "bytes",
  array: "items",
  set: "items",
  map: "entries",
};

const FORMATS = new Set(["email", "url", "datetime", "date", "time", "duration", "uuid", "regex"]);

function comparison(issue: { inclusive?: boolean; exact?: boolean }, small: boolean): string {
  if (issue.exact) return "exactly";
  if (small) return issue.inclusive ? "atLeast" : "moreThan";
  return issue.inclusive ? "atMost" : "lessThan";
}

function sized(kind: "tooSmall" | "tooBig", origin: string, bound: number | bigint, params: MessageParams) {
  const unit = UNITS[origin];
  // Plural by the bound, the same for every locale (French reads 0 and 1 as singular, English has one form).
  const key = unit ? `validation.${kind}.${unit}.${Number(bound) <= 1 ? "one" : "other"}` : `validation.${kind}.value`;
  return { key, params };
}

const asParam = (value: number | bigint): string | number => (typeof value === "number" ? value : value.toString());

/** The key Zod's default message for this issue's shape has, with the values that fill it. */
function describeShape(issue: Issue): MessageRef | null {
  switch (issue.code) {
    case "invalid_type": {
      const received =
        issue.input !== undefined ? util.parsedType(issue.input) : receivedFromDefault(issue.message, issue.expected);
      if (received === undefined) return null;
      return received === "undefined"
        ? { key: "validation.invalidType.missing", params: { expected: issue.expected } }
        : { key: "validation.invalidType.wrong", params: { expected: issue.expected, received } };
    }
    case "invalid_value":
      return issue.values.length === 1
        ? { key: "validation.invalidValue.single", params: { value: util.stringifyPrimitive(issue.values[0]) } }
        : { key: "validation.invalidValue.oneOf", params: { values: util.joinValues(issue.values, "|") } };
    case "too_small":
      return sized("tooSmall", issue.origin, issue.minimum, {
        origin: issue.origin,
        comparison: comparison(issue, true),
        minimum: asParam(issue.minimum),
      });
    case "too_big":
      return sized("tooBig", issue.origin, issue.maximum, {
        origin: issue.origin,
        comparison: comparison(issue, false),
        maximum: asParam(issue.maximum),
      });
    case "invalid_format": {
      if ("prefix" in issue)
        return { key: "validation.invalidFormat.startsWith", params: { prefix: String(issue.prefix) } };
      if ("suffix" in issue)
        return { key: "validation.invalidFormat.endsWith", params: { suffix: String(issue.suffix) } };
      if ("includes" in issue)
        return { key: "validation.invalidFormat.includes", params: { includes: String(issue.includes) } };
      if (issue.format === "regex") {
        return { key: "validation.invalidFormat.regex", params: { pattern: issue.pattern ?? "" } };
      }
      return FORMATS.has(issue.format)
        ? { key: `validation.invalidFormat.${issue.format}`, params: {} }
        : { key: "validation.invalidFormat.other", params: { format: issue.format } };
    }
    case "not_multiple_of":
      return { key: "validation.notMultipleOf", params: { divisor: issue.divisor } };
    case "unrecognized_keys":
      return {
        key: `validation.unrecognizedKeys.${issue.keys.length > 1 ? "other" : "one"}`,
        params: { keys: util.joinValues(issue.keys, ", ") },
      };
    case "invalid_key":
      return { key: "validation.invalidKey", params: { origin: issue.origin } };
    case "invalid_element":
      return { key: "validation.invalidElement", params: { origin: issue.origin } };
    case "invalid_union":
      if (issue.inclusive === false) return { key: "validation.invalidUnion.ambiguous", params: {} };
      if (issue.options && issue.options.length > 0) {
        const options = issue.options.map((option) => `'${String(option)}'`).join(" | ");
        return { key: "validation.invalidUnion.discriminator", params: { options } };
      }
      return { key: "validation.invalid", params: {} };
    default:
      return { key: "validation.invalid", params: {} };
  }
}

/**
 * Zod does not keep the input in an issue (unless asked to), so the received type is only in its default
 * message, "Invalid input: expected string, received number": read it from there when that is the message.
 */
function receivedFromDefault(message: string, expected: string): string | undefined {
  const prefix = `Invalid input: expected ${expected}, received `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : undefined;
}
