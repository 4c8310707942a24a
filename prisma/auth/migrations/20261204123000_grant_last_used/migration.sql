-- AlterTable
ALTER TABLE "grants" ADD COLUMN     "last_used_at" TIMESTAMP(3);
