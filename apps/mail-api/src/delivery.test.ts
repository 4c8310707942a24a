import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultDisplayName, normalizeAddress, planDelivery } from "./delivery.ts";

const alice = { ownerSub: "alice-sub", address: "alice@labmail.test", name: "Alice Martin" };
const bob = { ownerSub: "bob-sub", address: "bob@labmail.test", name: "Bob Nguyen" };
const now = new Date(Date.UTC(2026, 11, 5));
let n = 0;
const newId = () => `msg_t${n++}`;

test("to a LabMail mailbox: a read copy in the sender's sent folder and an unread one in the recipient's inbox", () => {
  const plan = planDelivery({ sender: alice, draft: { to: "Bob@LabMail.test", subject: "Hi", body: "Hello" }, recipient: bob, now, newId });
  assert.equal(plan.sent.ownerSub, "alice-sub");
  assert.equal(plan.sent.folder, "sent");
  assert.equal(plan.sent.unread, false);
  assert.deepEqual(
    [plan.sent.fromName, plan.sent.fromAddress, plan.sent.toAddress],
    ["Alice Martin", "alice@labmail.test", "bob@labmail.test"],
  );
  assert.equal(plan.inbox?.ownerSub, "bob-sub");
  assert.equal(plan.inbox?.folder, "inbox");
  assert.equal(plan.inbox?.unread, true);
  assert.notEqual(plan.inbox?.id, plan.sent.id, "two rows, two ids");
  assert.equal(plan.held, undefined);
});

test("to a LabMail address with no mailbox yet: held for that address", () => {
  const plan = planDelivery({
    sender: alice,
    draft: { to: "carol@labmail.test", subject: "Hi", body: "Hello" },
    recipient: undefined,
    now,
    newId,
  });
  assert.equal(plan.inbox, undefined);
  assert.equal(plan.held?.recipientAddress, "carol@labmail.test");
  assert.equal(plan.sent.folder, "sent");
});

test("to another domain: only the sent copy (the lab has no outgoing mail)", () => {
  const plan = planDelivery({
    sender: alice,
    draft: { to: "someone@example.com", subject: "Hi", body: "Hello" },
    recipient: undefined,
    now,
    newId,
  });
  assert.equal(plan.inbox, undefined);
  assert.equal(plan.held, undefined);
  // Even if a mailbox were (wrongly) found, another domain is never delivered.
  const odd = planDelivery({
    sender: alice,
    draft: { to: "bob@labmail.test.example.com", subject: "Hi", body: "Hello" },
    recipient: bob,
    now,
    newId,
  });
  assert.equal(odd.inbox, undefined);
});

test("addresses are compared lower-cased; a new mailbox shows its local part as its name", () => {
  assert.equal(normalizeAddress("  Carol@LABMAIL.test "), "carol@labmail.test");
  assert.equal(defaultDisplayName("carol@labmail.test"), "carol");
});
