import "server-only";
import {
  type EngineSettingsView,
  type UpdateEngineSettingsInput,
  updateEngineSettingsInput,
} from "@/contracts/engine-settings";
import type { Prisma } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { assertPlanAllows } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { assertPublicEndpointResolves } from "@/server/private-endpoints";
import {
  decryptEngineSecrets,
  encryptEngineSecrets,
  readStoredEngineSettings,
  resolveEngine,
  type StoredEngineSettings,
} from "./engine-config";
import { engineSettingsView } from "./get-engine-settings";

type WithoutNull<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** Drops null/undefined values so a section stores only what was set. */
function compact<T extends Record<string, unknown>>(value: T): WithoutNull<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as WithoutNull<T>;
}

/**
 * Updates the organization's AI engine settings (OWNER/ADMIN). Sections left out stay as they are, a null
 * section is cleared with its secret; the default engine must be usable once saved. Logs
 * `org.engine_updated` without any secret.
 */
export async function updateEngineSettings(ctx: Ctx, input: UpdateEngineSettingsInput): Promise<EngineSettingsView> {
  assertCan(ctx.actor, "settings:update");
  const data = updateEngineSettingsInput.parse(input);
  // The worker calls these URLs with the organization's key: in production, not the server's own network.
  const allowPrivate = env().ENGINE_ALLOW_PRIVATE_URLS;
  await assertPublicEndpointResolves("openaiCompatible.baseUrl", data.openaiCompatible?.baseUrl, allowPrivate);
  await assertPublicEndpointResolves("crewai.baseUrl", data.crewai?.baseUrl, allowPrivate);
  // Configuring or choosing a real engine is a paid feature; going back to the demo engine never is.
  if (data.defaultEngine !== "demo" || data.openaiCompatible || data.crewai) {
    await assertPlanAllows(ctx, ctx.actor.organizationId, "advancedEngines");
  }
  return ctx.db.$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.actor.organizationId },
      select: { id: true, engineSettings: true, engineSecretEncrypted: true },
    });
    const stored = readStoredEngineSettings(org.engineSettings);
    const secrets = decryptEngineSecrets(org.id, org.engineSecretEncrypted);
    const next: StoredEngineSettings = { ...stored, defaultEngine: data.defaultEngine };

    if (data.openaiCompatible === null) {
      delete next.openaiCompatible;
      delete secrets.openaiApiKey;
    } else if (data.openaiCompatible) {
      const { apiKey, ...rest } = data.openaiCompatible;
      next.openaiCompatible = compact({ ...stored.openaiCompatible, ...rest });
      if (apiKey === null) delete secrets.openaiApiKey;
      else if (apiKey !== undefined) secrets.openaiApiKey = apiKey;
    }
    if (data.crewai === null) {
      delete next.crewai;
      delete secrets.crewaiToken;
    } else if (data.crewai) {
      const { token, ...rest } = data.crewai;
      next.crewai = compact({ ...stored.crewai, ...rest });
      if (token === null) delete secrets.crewaiToken;
      else if (token !== undefined) secrets.crewaiToken = token;
    }

    const updated = {
      id: org.id,
      engineSettings: next,
      engineSecretEncrypted: encryptEngineSecrets(org.id, secrets),
    };
    try {
      resolveEngine(updated, data.defaultEngine);
    } catch (error) {
      if (error instanceof AppError) {
        throw new AppError("ENGINE_NOT_CONFIGURED", error.message, { field: "defaultEngine" });
      }
      throw error;
    }
    await tx.organization.update({
      where: { id: org.id },
      data: {
        engineSettings: next as Prisma.InputJsonValue,
        engineSecretEncrypted: updated.engineSecretEncrypted,
      },
    });
    await recordActivity(tx, {
      action: "org.engine_updated",
      resource: "organization",
      resourceId: org.id,
      organizationId: org.id,
      actorId: ctx.actor.userId,
      metadata: {
        defaultEngine: data.defaultEngine,
        openaiCompatible: next.openaiCompatible
          ? { ...next.openaiCompatible, apiKeySet: Boolean(secrets.openaiApiKey) }
          : null,
        crewai: next.crewai ? { ...next.crewai, tokenSet: Boolean(secrets.crewaiToken) } : null,
      },
      ...ctx.meta,
    });
    return engineSettingsView(updated);
  });
}
