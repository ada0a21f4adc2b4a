-- AlterEnum
ALTER TYPE "JobStatus" ADD VALUE 'AWAITING_REVIEW';

-- AlterTable
ALTER TABLE "Book" ADD COLUMN     "reviewPlan" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "BookJob" ADD COLUMN     "planApprovedAt" TIMESTAMP(3);
