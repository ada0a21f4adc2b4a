import "server-only";
import { platformStorageView, type StorageSettings, type StorageSettingsView } from "@/contracts/storage-settings";
import type { StorageConfig } from "@/generated/prisma/client";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { platformStorageConfig } from "./platform-storage-config";

/** Shapes a StorageConfig row (or its absence: the platform default, whose details stay private) for clients. */
export function presentStorageSettings(row: StorageConfig | null): StorageSettingsView {
  if (!row) return platformStorageView(platformStorageConfig().provider);
  return {
    source: "organization",
    provider: row.provider,
    bucket: row.bucket,
    region: row.region,
    endpoint: row.endpoint,
    prefix: row.prefix,
    cdnBaseUrl: row.cdnBaseUrl,
    forcePathStyle: row.provider === "AWS_S3" ? row.forcePathStyle : null,
    hasCredentials: Boolean(row.credentialsEncrypted),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Reads the organization's storage settings (OWNER/ADMIN: they hold bucket names and endpoints). */
export async function getStorageSettings(ctx: Ctx): Promise<StorageSettings> {
  assertCan(ctx.actor, "settings:update");
  const row = await ctx.db.storageConfig.findUnique({ where: { organizationId: ctx.actor.organizationId } });
  return { storage: presentStorageSettings(row) };
}
