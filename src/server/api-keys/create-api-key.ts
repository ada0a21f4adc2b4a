import "server-only";
import { type ApiKeySummary, type CreateApiKeyInput, createApiKeyInput } from "@/contracts/api-keys";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { assertPlanAllows } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { generateApiKey } from "./api-key-secret";
import { apiKeySelect, toApiKeySummary } from "./api-key-view";

/**
 * Creates an API key for the active organization (OWNER/ADMIN). The secret is returned once and only its
 * hash is stored; the key acts with its creator's role, so it can never do more than they can. The plan
 * must include API access (402 PLAN_LIMIT_REACHED otherwise).
 */
export async function createApiKey(
  ctx: Ctx,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKeySummary; secret: string }> {
  assertCan(ctx.actor, "apikey:manage");
  const data = createApiKeyInput.parse(input);
  const expiresAt = data.expiresAt ? new Date(data.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError("VALIDATION_FAILED", "Choose an expiry date in the future", { field: "expiresAt" });
  }
  await assertPlanAllows(ctx.db, ctx.actor.organizationId, "apiAccess");
  const { secret, hash, prefix } = generateApiKey();
  return ctx.db.$transaction(async (tx) => {
    const key = await tx.apiKey.create({
      data: {
        organizationId: ctx.actor.organizationId,
        createdById: ctx.actor.userId,
        name: data.name,
        keyHash: hash,
        prefix,
        scopes: data.scopes,
        rateLimit: data.rateLimit,
        expiresAt,
      },
      select: apiKeySelect,
    });
    await recordActivity(tx, {
      action: "apikey.created",
      resource: "apiKey",
      resourceId: key.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: {
        name: key.name,
        prefix,
        scopes: key.scopes,
        rateLimit: key.rateLimit,
        expiresAt: data.expiresAt ?? null,
      },
      ...ctx.meta,
    });
    return { apiKey: toApiKeySummary(key), secret };
  });
}
