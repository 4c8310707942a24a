import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidRequest } from "@oauth-flow-lab/oauth";
import { decodePageToken, encodePageToken, type PageBinding } from "./page-token.ts";

const ALICE_INBOX: PageBinding = { ownerSub: "alice-sub", folder: "inbox", q: undefined };

test("a page token round-trips its cursor and is URL-safe", () => {
  const cursor = { receivedAt: new Date("2026-11-20T08:15:00.123Z"), id: "msg_alice_07" };
  const token = encodePageToken(cursor, ALICE_INBOX);
  assert.match(token, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodePageToken(token, ALICE_INBOX), cursor);
});

test("a page token continues only the list it came from: same owner, folder and search text", () => {
  const cursor = { receivedAt: new Date("2026-11-20T08:15:00.123Z"), id: "msg_alice_07" };
  const token = encodePageToken(cursor, ALICE_INBOX);
  for (const other of [
    { ...ALICE_INBOX, ownerSub: "bob-sub" },
    { ...ALICE_INBOX, folder: "sent" },
    { ...ALICE_INBOX, q: "bank" },
    { ...ALICE_INBOX, q: "" },
  ]) {
    assert.throws(() => decodePageToken(token, other), InvalidRequest, JSON.stringify(other));
  }
  const search = { ...ALICE_INBOX, q: "Bank" };
  assert.deepEqual(decodePageToken(encodePageToken(cursor, search), search), cursor);
});

test("a page token that was not issued by the API is invalid_request", () => {
  const b64 = (value: string) => Buffer.from(value).toString("base64url");
  const b = "A".repeat(22);
  for (const token of [
    "",
    "not a token!",
    b64("not json"),
    b64("[]"),
    b64(JSON.stringify({ r: "yesterday", i: "msg_1", b })),
    b64(JSON.stringify({ r: "2026-11-20T08:15:00.000Z", b })),
    b64(JSON.stringify({ r: "2026-11-20T08:15:00.000Z", i: "msg_1" })),
    b64(JSON.stringify({ r: "2026-11-20T08:15:00.000Z", i: "msg_1", b, extra: 1 })),
    // Only what encodePageToken writes: anything else would reach the database query as is.
    b64(JSON.stringify({ r: "2026-11-20T08:15:00Z", i: "msg_1", b })),
    b64(JSON.stringify({ r: "2026-02-30T08:15:00.000Z", i: "msg_1", b })),
    b64(JSON.stringify({ r: "2026-13-01T08:15:00.000Z", i: "msg_1", b })),
    b64(JSON.stringify({ r: "0000-01-01T00:00:00.000Z", i: "msg_1", b })),
    b64(JSON.stringify({ r: "2026-11-20T08:15:00.000Z", i: "\u0000", b })),
    b64(JSON.stringify({ r: "2026-11-20T08:15:00.000Z", i: "not-a-message-id", b })),
    // Well formed, but bound to no list this user has (a forged binding).
    b64(JSON.stringify({ r: "2026-11-20T08:15:00.000Z", i: "msg_1", b })),
    "A".repeat(401),
  ]) {
    assert.throws(() => decodePageToken(token, ALICE_INBOX), InvalidRequest, token);
  }
});
