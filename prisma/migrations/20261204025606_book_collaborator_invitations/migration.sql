-- AlterEnum
ALTER TYPE "CollaboratorStatus" ADD VALUE 'EXPIRED';

-- DropIndex
DROP INDEX "BookCollaborator_userId_idx";

-- AlterTable
ALTER TABLE "BookCollaborator" ADD COLUMN     "acceptedAt" TIMESTAMP(3),
ADD COLUMN     "email" TEXT,
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "tokenHash" TEXT,
ALTER COLUMN "userId" DROP NOT NULL;

-- Rows from before invitations by email (none were written by the app) take their user's address.
UPDATE "BookCollaborator" c SET "email" = lower(u."email") FROM "User" u WHERE u."id" = c."userId";
ALTER TABLE "BookCollaborator" ALTER COLUMN "email" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "BookCollaborator_tokenHash_key" ON "BookCollaborator"("tokenHash");

-- CreateIndex
CREATE INDEX "BookCollaborator_userId_status_idx" ON "BookCollaborator"("userId", "status");

-- CreateIndex
CREATE INDEX "BookCollaborator_email_status_idx" ON "BookCollaborator"("email", "status");

-- CreateIndex
CREATE INDEX "BookCollaborator_status_expiresAt_idx" ON "BookCollaborator"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "BookCollaborator_bookId_email_key" ON "BookCollaborator"("bookId", "email");
