import "server-only";
import { countUsage } from "@/server/books/count-usage";
import type { DbTx } from "@/server/db/client";

/** Adds one API_CALLS to the organization's current monthly period (atomic upsert, see countUsage). */
export async function recordApiCall(client: DbTx, organizationId: string, now = new Date()): Promise<void> {
  await countUsage(client, organizationId, "API_CALLS", 1, now);
}
