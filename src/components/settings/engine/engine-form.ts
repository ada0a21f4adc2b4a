/** The engine settings form as plain data: filled from the API answer, checked, and turned into the PUT body. */
import type { EngineId, EngineSettingsView, UpdateEngineSettingsInput } from "@/contracts/engine-settings";
import type { MessageKey } from "@/i18n/translate";
import { isHttpUrl } from "@/components/ui/url-field";

export type EngineForm = {
  defaultEngine: EngineId;
  baseUrl: string;
  model: string;
  temperature: string;
  apiKey: string;
  removeApiKey: boolean;
  /** Prices per 1,000 tokens for the book estimate: all three, or all blank (no price). */
  currency: string;
  promptPrice: string;
  completionPrice: string;
  crewUrl: string;
  crewToken: string;
  removeCrewToken: boolean;
};

/** API field names shown next to their input (the inputs carry the same names). */
export const engineFormFields = [
  "defaultEngine",
  "openaiCompatible.baseUrl",
  "openaiCompatible.model",
  "openaiCompatible.temperature",
  "openaiCompatible.apiKey",
  "openaiCompatible.pricing.currency",
  "openaiCompatible.pricing.promptPer1k",
  "openaiCompatible.pricing.completionPer1k",
  "crewai.baseUrl",
  "crewai.token",
] as const;

/** The form filled from the saved settings; secrets start blank (a blank secret keeps the saved one). */
export function engineFormFrom(data: EngineSettingsView): EngineForm {
  const { settings } = data;
  return {
    defaultEngine: settings.defaultEngine,
    baseUrl: settings.openaiCompatible.baseUrl ?? "",
    model: settings.openaiCompatible.model ?? "",
    temperature: settings.openaiCompatible.temperature === null ? "" : String(settings.openaiCompatible.temperature),
    apiKey: "",
    removeApiKey: false,
    currency: settings.openaiCompatible.pricing?.currency ?? "",
    promptPrice: settings.openaiCompatible.pricing ? String(settings.openaiCompatible.pricing.promptPer1k) : "",
    completionPrice: settings.openaiCompatible.pricing ? String(settings.openaiCompatible.pricing.completionPer1k) : "",
    crewUrl: settings.crewai.baseUrl ?? "",
    crewToken: "",
    removeCrewToken: false,
  };
}

/** A temperature or a price as typed (a decimal comma is accepted). */
const temperatureOf = (text: string) => Number(text.replace(",", "."));
const priceOf = temperatureOf;
const pricingBlank = (form: EngineForm) =>
  !form.currency.trim() && !form.promptPrice.trim() && !form.completionPrice.trim();

/** What is wrong before anything is sent, as message keys per API field (the server still decides). */
export function engineFormProblems(form: EngineForm): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  if (form.baseUrl.trim() && !isHttpUrl(form.baseUrl.trim())) {
    problems["openaiCompatible.baseUrl"] = "settingsExtra.common.invalidUrl";
  }
  if (form.crewUrl.trim() && !isHttpUrl(form.crewUrl.trim()))
    problems["crewai.baseUrl"] = "settingsExtra.common.invalidUrl";
  if (form.temperature.trim()) {
    const number = temperatureOf(form.temperature);
    if (!Number.isFinite(number) || number < 0 || number > 2) {
      problems["openaiCompatible.temperature"] = "settingsExtra.engine.temperatureInvalid";
    }
  }
  if (!pricingBlank(form)) {
    if (!/^[A-Za-z]{3}$/.test(form.currency.trim())) {
      problems["openaiCompatible.pricing.currency"] = "settingsExtra.engine.currencyInvalid";
    }
    for (const [field, text] of [
      ["openaiCompatible.pricing.promptPer1k", form.promptPrice],
      ["openaiCompatible.pricing.completionPer1k", form.completionPrice],
    ] as const) {
      const price = priceOf(text);
      if (!text.trim() || !Number.isFinite(price) || price < 0 || price > 1000) {
        problems[field] = "settingsExtra.engine.priceInvalid";
      }
    }
  }
  return problems;
}

/** The PUT body: blank text clears a setting; a secret is omitted (kept), null (removed) or replaced. */
export function engineSettingsBody(form: EngineForm): UpdateEngineSettingsInput {
  const text = (value: string) => (value.trim() === "" ? null : value.trim());
  return {
    defaultEngine: form.defaultEngine,
    openaiCompatible: {
      baseUrl: text(form.baseUrl),
      model: text(form.model),
      temperature: form.temperature.trim() === "" ? null : temperatureOf(form.temperature),
      pricing: pricingBlank(form)
        ? null
        : {
            currency: form.currency.trim().toUpperCase(),
            promptPer1k: priceOf(form.promptPrice),
            completionPer1k: priceOf(form.completionPrice),
          },
      ...(form.removeApiKey ? { apiKey: null } : form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : {}),
    },
    crewai: {
      baseUrl: text(form.crewUrl),
      ...(form.removeCrewToken ? { token: null } : form.crewToken.trim() ? { token: form.crewToken.trim() } : {}),
    },
  };
}
