import "server-only";
import type { DbTx } from "@/server/db/client";

/** The month (UTC) a STORAGE_USED reading belongs to: billing reads the current month's row. */
export function storageUsedPeriod(now = new Date()): { periodStart: Date; periodEnd: Date } {
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { periodStart, periodEnd };
}

/**
 * Sets the organization's STORAGE_USED (bytes: rendered files + book sources) from scratch, inside the
 * caller's transaction. The organization row lock (NO KEY UPDATE, so foreign-key inserts are not blocked)
 * makes concurrent recounts commit one after the other, each seeing the other's rows: the last one is exact.
 */
export async function recomputeStorageUsed(tx: DbTx, organizationId: string, now = new Date()): Promise<bigint> {
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId} FOR NO KEY UPDATE`;
  const rows = await tx.$queryRaw<{ bytes: bigint }[]>`
    SELECT (
      COALESCE((SELECT SUM(size) FROM "BookFormat" WHERE "organizationId" = ${organizationId}), 0)
      + COALESCE((SELECT SUM(octet_length(content)) FROM "Book" WHERE "organizationId" = ${organizationId}), 0)
    )::bigint AS bytes`;
  const bytes = rows[0]?.bytes ?? 0n;
  const { periodStart, periodEnd } = storageUsedPeriod(now);
  await tx.usageMetric.upsert({
    where: { organizationId_metric_periodStart: { organizationId, metric: "STORAGE_USED", periodStart } },
    create: { organizationId, metric: "STORAGE_USED", periodStart, periodEnd, value: bytes.toString() },
    update: { value: bytes.toString() },
  });
  return bytes;
}
