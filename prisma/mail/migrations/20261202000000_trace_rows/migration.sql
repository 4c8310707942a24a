-- AlterTable
ALTER TABLE "trace_events" ADD COLUMN     "jti" TEXT;
