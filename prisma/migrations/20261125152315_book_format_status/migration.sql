-- CreateEnum
CREATE TYPE "FormatStatus" AS ENUM ('PENDING', 'RENDERING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "BookFormat" ADD COLUMN     "error" TEXT,
ADD COLUMN     "status" "FormatStatus" NOT NULL DEFAULT 'READY';
