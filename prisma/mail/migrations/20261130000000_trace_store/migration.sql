-- CreateTable
CREATE TABLE "trace_events" (
    "id" BIGSERIAL NOT NULL,
    "trace_hash" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "endpoint" TEXT NOT NULL,
    "check_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "detail" TEXT,
    "rfc" TEXT,
    "cached_age_seconds" INTEGER,

    CONSTRAINT "trace_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "trace_events_trace_hash_id_idx" ON "trace_events"("trace_hash", "id");

-- CreateIndex
CREATE INDEX "trace_events_at_idx" ON "trace_events"("at");
