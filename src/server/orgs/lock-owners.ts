import "server-only";
import type { DbTx } from "@/server/db/client";

/**
 * Locks the organization's OWNER memberships for the rest of the transaction and returns their ids.
 * Concurrent demotions/removals of owners queue on these row locks, so "never zero owners" holds.
 */
export async function lockOwners(tx: DbTx, organizationId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "OrganizationMember"
    WHERE "organizationId" = ${organizationId} AND "role" = 'OWNER'::"OrgRole"
    ORDER BY "id" FOR UPDATE`;
  return rows.map((r) => r.id);
}
