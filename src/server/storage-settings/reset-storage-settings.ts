import "server-only";
import type { StorageSettingsSaved } from "@/contracts/storage-settings";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { presentStorageSettings } from "./get-storage-settings";
import { platformStorageConfig } from "./platform-storage-config";
import { enqueueStoredFilesRemoval } from "./remove-stored-files";
import { leaveIfMoved } from "./leave-if-moved";

/** Drops the organization's own storage settings (and stored credentials) to go back to the platform default. */
export async function resetStorageSettings(ctx: Ctx): Promise<StorageSettingsSaved> {
  assertCan(ctx.actor, "settings:update");
  const organizationId = ctx.actor.organizationId;
  const { result, removal } = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.storageConfig.findUnique({ where: { organizationId } });
    if (!existing) return { result: { storage: presentStorageSettings(null), formatsMarkedStale: 0 }, removal: null };
    await tx.storageConfig.delete({ where: { organizationId } });
    const platform = platformStorageConfig();
    const { formatsMarkedStale, removal } = await leaveIfMoved(tx, organizationId, existing, platform);
    await recordActivity(tx, {
      action: "org.storage_updated",
      resource: "storage_config",
      resourceId: existing.id,
      organizationId,
      actorId: ctx.actor.userId,
      metadata: { provider: { from: existing.provider, to: platform.provider }, reset: true, formatsMarkedStale },
      ...ctx.meta,
    });
    return { result: { storage: presentStorageSettings(null), formatsMarkedStale }, removal };
  });
  await enqueueStoredFilesRemoval(removal);
  return result;
}
