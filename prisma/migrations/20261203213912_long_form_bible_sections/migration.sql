-- AlterTable
ALTER TABLE "Book" ADD COLUMN     "bible" JSONB;

-- AlterTable
ALTER TABLE "Chapter" ADD COLUMN     "bibleAdditions" JSONB,
ADD COLUMN     "sections" JSONB;
