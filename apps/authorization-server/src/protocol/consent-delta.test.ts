// Incremental consent: the consent page asks only for what is new, on a real PostgreSQL (PGlite).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { createUser, registerClient } from "../test-support/fixtures";
import { consentDelta, rememberedScopes } from "./consent-delta";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

test("consentDelta: the first request asks for everything", () => {
  assert.deepEqual(consentDelta([], ["openid", "mail.read"]), { already_allowed: [], new_scopes: ["openid", "mail.read"] });
});

test("consentDelta: one more scope than allowed before asks for that one only, in request order", () => {
  assert.deepEqual(
    consentDelta(["openid", "profile", "offline_access", "mail.read"], ["openid", "profile", "offline_access", "mail.read", "mail.send"]),
    {
      already_allowed: ["openid", "profile", "offline_access", "mail.read"],
      new_scopes: ["mail.send"],
    },
  );
});

test("consentDelta: a request for fewer scopes than allowed asks nothing new", () => {
  assert.deepEqual(consentDelta(["openid", "mail.read", "mail.send"], ["openid", "mail.read"]), {
    already_allowed: ["openid", "mail.read"],
    new_scopes: [],
  });
});

test("rememberedScopes: per user and client, none when never consented", async () => {
  const db = database.db;
  const user = await createUser(db);
  const client = await registerClient(db);
  const other = await registerClient(db);
  assert.deepEqual(await rememberedScopes(db, user.id, client.client_id), []);
  await db.consent.create({ data: { userId: user.id, clientId: client.client_id, scopes: ["openid", "mail.read"] } });
  assert.deepEqual(await rememberedScopes(db, user.id, client.client_id), ["openid", "mail.read"]);
  assert.deepEqual(await rememberedScopes(db, user.id, other.client_id), []);
});
