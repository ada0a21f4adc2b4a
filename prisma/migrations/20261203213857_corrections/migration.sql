-- CreateEnum
CREATE TYPE "CorrectionSource" AS ENUM ('CHECKER', 'PERSON');

-- CreateEnum
CREATE TYPE "CheckTrigger" AS ENUM ('GENERATION', 'MANUAL', 'EDIT', 'API');

-- CreateEnum
CREATE TYPE "CheckRunStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Book" ADD COLUMN     "ignoredWords" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "languageVariant" TEXT;

-- AlterTable
ALTER TABLE "BookCorrection" ADD COLUMN     "chapterId" TEXT,
ADD COLUMN     "checker" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "endOffset" INTEGER,
ADD COLUMN     "fingerprint" TEXT,
ADD COLUMN     "ruleId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "startOffset" INTEGER,
ADD COLUMN     "suggestions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Chapter" ADD COLUMN     "checkedAt" TIMESTAMP(3),
ADD COLUMN     "checkedHash" TEXT;

-- AlterTable
ALTER TABLE "ChapterCorrection" ADD COLUMN     "authorId" TEXT,
ADD COLUMN     "bookId" TEXT,
ADD COLUMN     "checker" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contextAfter" TEXT,
ADD COLUMN     "contextBefore" TEXT,
ADD COLUMN     "fingerprint" TEXT,
ADD COLUMN     "ruleId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "source" "CorrectionSource" NOT NULL DEFAULT 'CHECKER',
ADD COLUMN     "suggestions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "OrganizationWord" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "addedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationWord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookCheckRun" (
    "id" TEXT NOT NULL,
    "bookId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestedById" TEXT,
    "trigger" "CheckTrigger" NOT NULL,
    "status" "CheckRunStatus" NOT NULL DEFAULT 'PENDING',
    "chapterIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "full" BOOLEAN NOT NULL DEFAULT false,
    "chaptersTotal" INTEGER NOT NULL DEFAULT 0,
    "chaptersDone" INTEGER NOT NULL DEFAULT 0,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "error" TEXT,
    "cancelRequestedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BookCheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationWord_organizationId_language_word_key" ON "OrganizationWord"("organizationId", "language", "word");

-- CreateIndex
CREATE INDEX "BookCheckRun_bookId_createdAt_idx" ON "BookCheckRun"("bookId", "createdAt");

-- CreateIndex
CREATE INDEX "BookCheckRun_organizationId_idx" ON "BookCheckRun"("organizationId");

-- CreateIndex
CREATE INDEX "BookCorrection_chapterId_idx" ON "BookCorrection"("chapterId");

-- CreateIndex
CREATE UNIQUE INDEX "BookCorrection_bookId_fingerprint_key" ON "BookCorrection"("bookId", "fingerprint");

-- CreateIndex
CREATE INDEX "ChapterCorrection_bookId_status_idx" ON "ChapterCorrection"("bookId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ChapterCorrection_chapterId_fingerprint_key" ON "ChapterCorrection"("chapterId", "fingerprint");

-- AddForeignKey
ALTER TABLE "BookCorrection" ADD CONSTRAINT "BookCorrection_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "Chapter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChapterCorrection" ADD CONSTRAINT "ChapterCorrection_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationWord" ADD CONSTRAINT "OrganizationWord_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationWord" ADD CONSTRAINT "OrganizationWord_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookCheckRun" ADD CONSTRAINT "BookCheckRun_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookCheckRun" ADD CONSTRAINT "BookCheckRun_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookCheckRun" ADD CONSTRAINT "BookCheckRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
