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
    crewUrl: settings.crewai.baseUrl ?? "",
    crewToken: "",
    removeCrewToken: false,
  };
}

/** A temperature as typed (a decimal comma is accepted). */
const temperatureOf = (text: string) => Number(text.replace(",", "."));

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
      ...(form.removeApiKey ? { apiKey: null } : form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : {}),
    },
    crewai: {
      baseUrl: text(form.crewUrl),
      ...(form.removeCrewToken ? { token: null } : form.crewToken.trim() ? { token: form.crewToken.trim() } : {}),
    },
  };
}
