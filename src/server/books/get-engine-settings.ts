import "server-only";
import type { EngineSettingsView } from "@/contracts/engine-settings";
import { listEngines } from "@/engines/registry";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { env } from "@/server/env";
import {
  decryptEngineSecrets,
  defaultEngineOf,
  type OrganizationEngineRow,
  readStoredEngineSettings,
  resolveEngine,
} from "./engine-config";

/** The engine settings as clients see them: secrets only as "is set" flags. */
export function engineSettingsView(org: OrganizationEngineRow): EngineSettingsView {
  const stored = readStoredEngineSettings(org.engineSettings);
  const secrets = decryptEngineSecrets(org.id, org.engineSecretEncrypted);
  const e = env();
  const configured = (id: string) => {
    try {
      resolveEngine(org, id);
      return true;
    } catch {
      return false;
    }
  };
  return {
    settings: {
      defaultEngine: defaultEngineOf(org),
      openaiCompatible: {
        baseUrl: stored.openaiCompatible?.baseUrl ?? null,
        model: stored.openaiCompatible?.model ?? null,
        temperature: stored.openaiCompatible?.temperature ?? null,
        hasApiKey: Boolean(secrets.openaiApiKey),
        pricing: stored.openaiCompatible?.pricing ?? null,
        environmentDefault: Boolean(e.OPENAI_BASE_URL && e.OPENAI_MODEL),
      },
      crewai: {
        baseUrl: stored.crewai?.baseUrl ?? null,
        hasToken: Boolean(secrets.crewaiToken),
        environmentDefault: Boolean(e.CREWAI_BASE_URL && e.CREWAI_TOKEN),
      },
    },
    engines: listEngines().map((engine) => ({
      id: engine.id,
      label: engine.label,
      isDemo: engine.isDemo,
      configured: configured(engine.id),
    })),
  };
}

/** Reads the organization's AI engine settings (OWNER/ADMIN); API keys are never returned. */
export async function getEngineSettings(ctx: Ctx): Promise<EngineSettingsView> {
  assertCan(ctx.actor, "settings:update");
  const org = await ctx.db.organization.findUniqueOrThrow({
    where: { id: ctx.actor.organizationId },
    select: { id: true, engineSettings: true, engineSecretEncrypted: true },
  });
  return engineSettingsView(org);
}
