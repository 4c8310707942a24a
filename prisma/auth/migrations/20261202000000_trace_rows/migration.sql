-- AlterTable
ALTER TABLE "trace_flows" ADD COLUMN     "grant_id" TEXT,
ADD COLUMN     "interaction_id" TEXT;
