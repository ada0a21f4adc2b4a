import "server-only";
import { type ApiKeySummary, type UpdateApiKeyInput, updateApiKeyInput } from "@/contracts/api-keys";
import type { Prisma } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { AppError, notFound } from "@/server/errors";
import { apiKeySelect, toApiKeySummary } from "./api-key-view";

/** Renames a key or changes its scopes or rate limit (OWNER/ADMIN); a revoked key cannot be changed. */
export async function updateApiKey(ctx: Ctx, keyId: string, input: UpdateApiKeyInput): Promise<ApiKeySummary> {
  assertCan(ctx.actor, "apikey:manage");
  const data = updateApiKeyInput.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.apiKey.findFirst({ where: { id: keyId, organizationId: ctx.actor.organizationId } });
    if (!before) throw notFound("API key");
    if (before.revokedAt) throw new AppError("CONFLICT", "This API key was revoked and can no longer be changed");
    const key = await tx.apiKey.update({ where: { id: before.id }, data, select: apiKeySelect });
    const changes: Record<string, { from: Prisma.InputJsonValue; to: Prisma.InputJsonValue }> = {};
    for (const field of ["name", "scopes", "rateLimit"] as const) {
      if (data[field] !== undefined && JSON.stringify(before[field]) !== JSON.stringify(key[field])) {
        changes[field] = { from: before[field], to: key[field] };
      }
    }
    await recordActivity(tx, {
      action: "apikey.updated",
      resource: "apiKey",
      resourceId: key.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { prefix: key.prefix, changes },
      ...ctx.meta,
    });
    return toApiKeySummary(key);
  });
}
