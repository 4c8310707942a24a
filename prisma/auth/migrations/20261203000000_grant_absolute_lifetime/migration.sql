-- AlterTable
ALTER TABLE "clients" ADD COLUMN     "disabled_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "grants" ADD COLUMN     "expires_at" TIMESTAMP(3);

-- Existing grants end 30 days (LIFETIMES.grant_absolute) after they were created.
UPDATE "grants" SET "expires_at" = "created_at" + interval '30 days';

-- AlterTable
ALTER TABLE "grants" ALTER COLUMN "expires_at" SET NOT NULL;

-- CreateTable
CREATE TABLE "maintenance_runs" (
    "name" TEXT NOT NULL,
    "last_run_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "maintenance_runs_pkey" PRIMARY KEY ("name")
);
