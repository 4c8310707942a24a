-- CreateTable
CREATE TABLE "trace_flows" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "state_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trace_flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trace_events" (
    "id" BIGSERIAL NOT NULL,
    "flow_id" TEXT NOT NULL,
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
CREATE INDEX "trace_flows_created_at_idx" ON "trace_flows"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "trace_flows_client_id_state_hash_key" ON "trace_flows"("client_id", "state_hash");

-- CreateIndex
CREATE INDEX "trace_events_flow_id_id_idx" ON "trace_events"("flow_id", "id");

-- AddForeignKey
ALTER TABLE "trace_events" ADD CONSTRAINT "trace_events_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "trace_flows"("id") ON DELETE CASCADE ON UPDATE CASCADE;
