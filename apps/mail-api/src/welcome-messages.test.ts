import assert from "node:assert/strict";
import { test } from "node:test";
import { isMessageId } from "./message-id.ts";
import { welcomeMessages } from "./welcome-messages.ts";

test("welcome messages: valid ids derived from the owner, so creating them twice creates them once", () => {
  const now = new Date(Date.UTC(2026, 10, 30));
  const first = welcomeMessages({ ownerSub: "5f0c1a4e-6b7d-4c1e-9a55-new000000009", address: "carol@labmail.test" }, now);
  const again = welcomeMessages(
    { ownerSub: "5f0c1a4e-6b7d-4c1e-9a55-new000000009", address: "carol@labmail.test" },
    new Date(now.getTime() + 60_000),
  );
  const other = welcomeMessages({ ownerSub: "another sub / with odd characters", address: "dave@labmail.test" }, now);
  assert.ok(first.length >= 3);
  assert.deepEqual(
    first.map((m) => m.id),
    again.map((m) => m.id),
  );
  for (const message of [...first, ...other]) assert.ok(isMessageId(message.id), message.id);
  assert.equal(new Set([...first, ...other].map((m) => m.id)).size, first.length + other.length);
  assert.ok(first.every((m) => m.folder === "inbox" && m.ownerSub === "5f0c1a4e-6b7d-4c1e-9a55-new000000009"));
  // Sent to the owner's real address (the token's email claim), not to one made of their sub.
  assert.ok(first.every((m) => m.toAddress === "carol@labmail.test"));
});
