-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "createdById" TEXT;

-- CreateIndex
CREATE INDEX "Organization_createdById_idx" ON "Organization"("createdById");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: the user who created each existing organization, from its "org.created" activity row (the
-- seeded demo organization, logged with source "seed", keeps no creator).
UPDATE "Organization" AS o
SET "createdById" = a."actorId"
FROM (
  SELECT DISTINCT ON ("resourceId") "resourceId", "actorId"
  FROM "ActivityLog"
  WHERE "action" = 'org.created' AND "resource" = 'organization'
    AND "actorId" IS NOT NULL AND ("metadata"->>'source') IS DISTINCT FROM 'seed'
  ORDER BY "resourceId", "createdAt"
) AS a
WHERE a."resourceId" = o."id" AND o."createdById" IS NULL;
