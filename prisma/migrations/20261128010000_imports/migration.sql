-- Annotations and replies imported from other tools (W3C JSON-LD, Hypothesis) keep the name of
-- who wrote them there and their id in the file; the member who imported them is their author.
-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "importedAuthor" TEXT,
ADD COLUMN     "importedFrom" TEXT,
ADD COLUMN     "importedId" TEXT;

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "importedAuthor" TEXT;

-- CreateIndex
CREATE INDEX "Annotation_documentId_importedId_idx" ON "Annotation"("documentId", "importedId");

