-- Full-text search over annotations (quote and comment) and replies, kept in step by
-- PostgreSQL: generated columns with GIN indexes. English stemming ("balloon" finds
-- "balloons"); the quote weighs more than the comment.
-- schema.prisma declares the columns as Unsupported("tsvector"); Prisma does not model the
-- GENERATED expression, and `prisma migrate diff` sees no drift for it.

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN "editedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce("quoteExact", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("bodyText", '')), 'B')
) STORED;

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  to_tsvector('english'::regconfig, coalesce("bodyText", ''))
) STORED;

-- CreateIndex
CREATE INDEX "Annotation_searchVector_idx" ON "Annotation" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Reply_searchVector_idx" ON "Reply" USING GIN ("searchVector");
