import { z } from "zod";
import { crewAiSettingsSchema } from "./crewai-client";
import { CrewAiEngine } from "./crewai-engine";
import { DEMO_ENGINE_LABEL, DemoEngine } from "./demo-engine";
import { OpenAiCompatibleEngine, openAiCompatibleSettingsSchema } from "./openai-compatible-engine";
import { EngineError, type EngineId, engineIds, type WritingEngine } from "./writing-engine";

/**
 * The engine registry: adding an engine = one file + one line here + its tests. Settings arrive as
 * untrusted JSON (Organization.engineSettings merged with the decrypted secret), so each engine's
 * settings are parsed with its zod schema and a bad configuration becomes a readable NOT_CONFIGURED.
 */

const demoSettingsSchema = z.object({
  delayMsPerChapter: z.number().int().min(0).optional(),
  tokenDelayMs: z.number().int().min(0).optional(),
  outlineDelayMs: z.number().int().min(0).optional(),
  wordsPerChunk: z.number().int().min(1).optional(),
});

const entries = {
  demo: {
    label: DEMO_ENGINE_LABEL,
    isDemo: true,
    settingsSchema: demoSettingsSchema,
    create: (settings: unknown) => new DemoEngine(demoSettingsSchema.parse(settings)),
  },
  "openai-compatible": {
    label: "OpenAI-compatible API (OpenAI, Ollama, vLLM, OpenRouter)",
    isDemo: false,
    settingsSchema: openAiCompatibleSettingsSchema,
    create: (settings: unknown) => new OpenAiCompatibleEngine(openAiCompatibleSettingsSchema.parse(settings)),
  },
  crewai: {
    label: "CrewAI (remote crew)",
    isDemo: false,
    settingsSchema: crewAiSettingsSchema,
    create: (settings: unknown) => new CrewAiEngine(crewAiSettingsSchema.parse(settings)),
  },
} satisfies Record<
  EngineId,
  { label: string; isDemo: boolean; settingsSchema: z.ZodType; create: (s: unknown) => WritingEngine }
>;

export interface EngineListing {
  id: EngineId;
  label: string;
  isDemo: boolean;
  /** Validates that engine's settings (for the settings form and API). */
  settingsSchema: z.ZodType;
}

/** True when `id` names a registered engine (e.g. Book.engine read from the database). */
export function isEngineId(id: string): id is EngineId {
  return (engineIds as readonly string[]).includes(id);
}

/** Every available engine with its label, demo flag and settings schema. */
export function listEngines(): EngineListing[] {
  return engineIds.map((id) => ({
    id,
    label: entries[id].label,
    isDemo: entries[id].isDemo,
    settingsSchema: entries[id].settingsSchema,
  }));
}

/** Builds the engine `id` from its settings; throws NOT_CONFIGURED naming each bad or missing setting. */
export function getEngine(id: string, settings: unknown = {}): WritingEngine {
  if (!isEngineId(id)) throw new EngineError("NOT_CONFIGURED", `Unknown AI engine "${id}"`);
  try {
    return entries[id].create(settings ?? {});
  } catch (error) {
    if (error instanceof z.ZodError) {
      const problems = error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`).join("; ");
      throw new EngineError(
        "NOT_CONFIGURED",
        `The ${entries[id].label} engine is not configured correctly: ${problems}`,
      );
    }
    throw error;
  }
}
