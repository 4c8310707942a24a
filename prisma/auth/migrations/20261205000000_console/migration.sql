-- Issue 10: teacher role and class accounts, developer-console clients, class progress.
ALTER TABLE "users" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'student',
ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "disabled_at" TIMESTAMP(3),
ADD COLUMN "created_by_id" TEXT;

ALTER TABLE "clients" ADD COLUMN "owner_id" TEXT,
ADD COLUMN "previous_secret_hash" TEXT,
ADD COLUMN "previous_secret_expires_at" TIMESTAMP(3);

CREATE INDEX "clients_owner_id_idx" ON "clients"("owner_id");

ALTER TABLE "clients" ADD CONSTRAINT "clients_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "lab_progress" (
    "user_id" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "step" INTEGER,
    "outcome" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lab_progress_pkey" PRIMARY KEY ("user_id","activity")
);

CREATE INDEX "lab_progress_updated_at_idx" ON "lab_progress"("updated_at");

ALTER TABLE "lab_progress" ADD CONSTRAINT "lab_progress_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
