import "server-only";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";

/**
 * Revokes a key at once (OWNER/ADMIN): the next request with it gets 401 API_KEY_REVOKED. Revoking an
 * already revoked key changes nothing and logs nothing.
 */
export async function revokeApiKey(ctx: Ctx, keyId: string): Promise<void> {
  assertCan(ctx.actor, "apikey:manage");
  await ctx.db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, organizationId: ctx.actor.organizationId } });
    if (!key) throw notFound("API key");
    // Conditional update: two concurrent revocations log once.
    const { count } = await tx.apiKey.updateMany({
      where: { id: key.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) return;
    await recordActivity(tx, {
      action: "apikey.revoked",
      resource: "apiKey",
      resourceId: key.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { name: key.name, prefix: key.prefix },
      ...ctx.meta,
    });
  });
}
