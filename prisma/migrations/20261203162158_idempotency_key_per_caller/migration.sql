-- DropIndex
DROP INDEX "IdempotencyKey_organizationId_key_key";

-- AlterTable: records kept before this change (24 h at most) name no caller: they get an empty one and
-- are never replayed again, only purged when they expire.
ALTER TABLE "IdempotencyKey" ADD COLUMN     "caller" TEXT NOT NULL DEFAULT '';
ALTER TABLE "IdempotencyKey" ALTER COLUMN "caller" DROP DEFAULT;

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyKey_organizationId_caller_key_key" ON "IdempotencyKey"("organizationId", "caller", "key");
