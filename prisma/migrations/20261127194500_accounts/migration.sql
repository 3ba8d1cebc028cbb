-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ThrottleHit" (
    "id" BIGSERIAL NOT NULL,
    "bucket" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThrottleHit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThrottleHit_bucket_createdAt_idx" ON "ThrottleHit"("bucket", "createdAt");
