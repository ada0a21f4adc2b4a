-- AlterTable
ALTER TABLE "BookRevision" ADD COLUMN     "name" TEXT,
ADD COLUMN     "namedAt" TIMESTAMP(3),
ADD COLUMN     "namedById" TEXT,
ADD COLUMN     "note" TEXT;

-- AddForeignKey
ALTER TABLE "BookRevision" ADD CONSTRAINT "BookRevision_namedById_fkey" FOREIGN KEY ("namedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
