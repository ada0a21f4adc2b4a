import "server-only";
import type { ApiKeySummary } from "@/contracts/api-keys";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { apiKeySelect, toApiKeySummary } from "./api-key-view";

/** Every key of the active organization, newest first, revoked and expired ones included (OWNER/ADMIN). */
export async function listApiKeys(ctx: Ctx): Promise<ApiKeySummary[]> {
  assertCan(ctx.actor, "apikey:manage");
  const keys = await ctx.db.apiKey.findMany({
    where: { organizationId: ctx.actor.organizationId },
    select: apiKeySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const now = new Date();
  return keys.map((key) => toApiKeySummary(key, now));
}
