import { describe, expect, it } from "vitest";
import type { EngineSettingsView } from "@/contracts/engine-settings";
import { engineFormFrom, engineFormProblems, engineSettingsBody } from "./engine-form";

const view = (pricing: EngineSettingsView["settings"]["openaiCompatible"]["pricing"]): EngineSettingsView => ({
  settings: {
    defaultEngine: "openai-compatible",
    openaiCompatible: {
      baseUrl: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      temperature: null,
      hasApiKey: true,
      pricing,
      environmentDefault: false,
    },
    crewai: { baseUrl: null, hasToken: false, environmentDefault: false },
  },
  engines: [],
});

describe("engine form prices per 1k tokens", () => {
  it("round-trips saved prices, and blank fields clear them", () => {
    const form = engineFormFrom(view({ currency: "EUR", promptPer1k: 0.15, completionPer1k: 0.6 }));
    expect(form).toMatchObject({ currency: "EUR", promptPrice: "0.15", completionPrice: "0.6" });
    expect(engineSettingsBody(form).openaiCompatible?.pricing).toEqual({
      currency: "EUR",
      promptPer1k: 0.15,
      completionPer1k: 0.6,
    });
    const cleared = { ...form, currency: "", promptPrice: "", completionPrice: "" };
    expect(engineFormProblems(cleared)).toEqual({});
    expect(engineSettingsBody(cleared).openaiCompatible?.pricing).toBeNull();
  });

  it("accepts a decimal comma and a lower-case currency; flags partial or bad prices per field", () => {
    const form = { ...engineFormFrom(view(null)), currency: "usd", promptPrice: "0,5", completionPrice: "2" };
    expect(engineFormProblems(form)).toEqual({});
    expect(engineSettingsBody(form).openaiCompatible?.pricing).toEqual({
      currency: "USD",
      promptPer1k: 0.5,
      completionPer1k: 2,
    });
    expect(engineFormProblems({ ...form, currency: "dollars", completionPrice: "" })).toEqual({
      "openaiCompatible.pricing.currency": "settingsExtra.engine.currencyInvalid",
      "openaiCompatible.pricing.completionPer1k": "settingsExtra.engine.priceInvalid",
    });
    expect(engineFormProblems({ ...form, promptPrice: "-1" })).toEqual({
      "openaiCompatible.pricing.promptPer1k": "settingsExtra.engine.priceInvalid",
    });
  });
});
