-- Issue 10 (mail app): mailboxes known by address, and mail held for a LabMail address whose owner
-- the mail API has not seen yet.

-- CreateTable
CREATE TABLE "mailboxes" (
    "owner_sub" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mailboxes_pkey" PRIMARY KEY ("owner_sub")
);

-- CreateTable
CREATE TABLE "held_messages" (
    "id" TEXT NOT NULL,
    "recipient_address" TEXT NOT NULL,
    "from_name" TEXT NOT NULL,
    "from_address" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "held_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mailboxes_address_key" ON "mailboxes"("address");

-- CreateIndex
CREATE INDEX "held_messages_recipient_address_idx" ON "held_messages"("recipient_address");
