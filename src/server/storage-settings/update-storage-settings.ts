import "server-only";
import type { StorageSettingsSaved } from "@/contracts/storage-settings";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { assertPlanAllows } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { authSecret } from "@/server/env";
import { encryptStorageCredentials, storageConfigFromRecord } from "@/storage/storage-config";
import { presentStorageSettings } from "./get-storage-settings";
import { storageProviderFor } from "./organization-storage";
import { platformStorageConfig } from "./platform-storage-config";
import { enqueueStoredFilesRemoval } from "./remove-stored-files";
import { leaveIfMoved } from "./leave-if-moved";
import {
  assertStorageEndpointsResolvePublic,
  resolveStorageSettings,
  type StorageSettingsInput,
  storageSettingsInput,
} from "./storage-settings-input";

/**
 * Saves the organization's storage settings (OWNER/ADMIN). Credentials are encrypted with the app secret
 * bound to the organization and never returned; a move to another place marks the rendered formats stale.
 */
export async function updateStorageSettings(ctx: Ctx, input: StorageSettingsInput): Promise<StorageSettingsSaved> {
  assertCan(ctx.actor, "settings:update");
  const data = storageSettingsInput.parse(input);
  const organizationId = ctx.actor.organizationId;
  // The organization's own cloud storage is a paid feature; LOCAL (a prefix or CDN on the platform) is not.
  if (data.provider !== "LOCAL") await assertPlanAllows(ctx, organizationId, "customStorage");
  await assertStorageEndpointsResolvePublic(data);
  const { result, removal } = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.storageConfig.findUnique({ where: { organizationId } });
    const resolved = resolveStorageSettings(
      data,
      existing,
      () => (existing ? storageConfigFromRecord(existing, authSecret()).credentials : undefined),
      storageProviderFor,
    );
    let credentialsEncrypted: string | null = null;
    if (resolved.newCredentials) {
      credentialsEncrypted = encryptStorageCredentials(resolved.newCredentials, authSecret(), organizationId);
    } else if (resolved.keepStoredCredentials) {
      credentialsEncrypted = existing?.credentialsEncrypted ?? null;
    }
    const row = await tx.storageConfig.upsert({
      where: { organizationId },
      create: { organizationId, ...resolved.record, credentialsEncrypted },
      update: { ...resolved.record, credentialsEncrypted },
    });
    const before = existing ?? platformStorageConfig();
    const { formatsMarkedStale, removal } = await leaveIfMoved(tx, organizationId, existing, resolved.record);
    await recordActivity(tx, {
      action: "org.storage_updated",
      resource: "storage_config",
      resourceId: row.id,
      organizationId,
      actorId: ctx.actor.userId,
      // Where files go and whether the keys changed; never the keys themselves.
      metadata: {
        provider: { from: before.provider, to: row.provider },
        bucket: row.bucket,
        endpoint: row.endpoint,
        prefix: row.prefix,
        cdnBaseUrl: row.cdnBaseUrl,
        credentialsChanged: Boolean(resolved.newCredentials),
        formatsMarkedStale,
      },
      ...ctx.meta,
    });
    return { result: { storage: presentStorageSettings(row), formatsMarkedStale }, removal };
  });
  await enqueueStoredFilesRemoval(removal);
  return result;
}
