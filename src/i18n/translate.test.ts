import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./locales";
import { en } from "./messages/en";
import { fr } from "./messages/fr";
import { createTranslator, formatMessage, lookupMessage } from "./translate";

/** Every dotted key of a message tree, to compare catalogues at run time too. */
function keysOf(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe("translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(formatMessage("Hello {name}, {missing}", { name: "Ada" })).toBe("Hello Ada, {missing}");
    expect(createTranslator(fr)("dashboard.welcome", { name: "Ada" })).toBe("Bienvenue, Ada");
  });

  it("finds keys whose last segment itself contains dots (activity actions)", () => {
    expect(lookupMessage(en, "activity.actions.member.role_changed")).toBe("Changed role");
    expect(lookupMessage(fr, "activity.actions.org.created")).toBe("Organisation créée");
    expect(lookupMessage(en, "errors.NOT_A_CODE")).toBeUndefined();
    expect(lookupMessage(en, "errors")).toBeUndefined();
  });

  it("has the same keys in English and French, none empty", () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
    for (const key of keysOf(fr)) expect(lookupMessage(fr, key)?.trim(), key).not.toBe("");
  });

  it("keeps the same placeholders in both languages", () => {
    const names = (text: string | undefined) => [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keysOf(en)) {
      const french = names(lookupMessage(fr, key));
      const english = names(lookupMessage(en, key));
      // Zod's defaults spell out in English what French may leave out (the origin, a regex pattern): there a
      // translation uses some of the values, never one that is not given.
      if (key.startsWith("validation.") && english.length > 0) {
        expect(
          french.filter((name) => !english.includes(name)),
          key,
        ).toEqual([]);
      } else expect(french, key).toEqual(english);
    }
  });

  it("picks a supported language from Accept-Language", () => {
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(localeFromAcceptLanguage("de-DE,en-GB;q=0.7")).toBe("en");
    expect(localeFromAcceptLanguage("de-DE")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });
});
