// Developer console (issue 10) on a real PostgreSQL (PGlite): registration rules and the per-user limit,
// who may see, rotate and disable a client, and a disable ending every grant of the client.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DEVELOPER_CONSOLE } from "@oauth-flow-lab/lab";
import { handleTokenRequest } from "@/protocol/token";
import { startTestDatabase, type TestDatabase } from "../../test-support/auth-database";
import { createUser, formPost, issueCode, testDependencies } from "../../test-support/fixtures";
import {
  disableDeveloperClient,
  findDeveloperClient,
  listDeveloperClients,
  parseRegistration,
  RegistrationRefused,
  registerDeveloperClient,
  rotateClientSecret,
} from "./clients";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(key, v);
  return params;
};
const GOOD = {
  name: "Ada's sorter",
  redirect_uris: "http://127.0.0.1:8080/callback\nhttps://app.example/cb",
  scope: ["openid", "offline_access", "mail.read"],
  token_endpoint_auth_method: "client_secret_post",
};

async function student() {
  const { id } = await createUser(database.db);
  return { id, role: "student" };
}

test("a registration is read from the form; refresh_token is registered with offline_access only", async () => {
  const registration = parseRegistration(form(GOOD));
  assert.deepEqual(registration.redirect_uris, ["http://127.0.0.1:8080/callback", "https://app.example/cb"]);
  const deps = testDependencies(database.db);
  const viewer = await student();
  const withRefresh = await registerDeveloperClient(deps, viewer, registration);
  assert.match(withRefresh.client_id, /^dev-[0-9a-f]{16}$/);
  assert.equal(withRefresh.client_secret?.length, 43); // 32 bytes, base64url
  const stored = await database.db.client.findUniqueOrThrow({ where: { id: withRefresh.client_id } });
  assert.notEqual(stored.secretHash, withRefresh.client_secret);
  assert.deepEqual(stored.grantTypes, ["authorization_code", "refresh_token"]);
  assert.equal(stored.pkceRequired, true);
  assert.equal(stored.ownerId, viewer.id);
  const publicClient = await registerDeveloperClient(
    deps,
    viewer,
    parseRegistration(form({ ...GOOD, scope: ["openid", "mail.read"], token_endpoint_auth_method: "none" })),
  );
  assert.equal(publicClient.client_secret, null);
  const storedPublic = await database.db.client.findUniqueOrThrow({ where: { id: publicClient.client_id } });
  assert.deepEqual(storedPublic.grantTypes, ["authorization_code"]);
  assert.equal(storedPublic.secretHash, null);
});

test("bad fields are refused with a reason", () => {
  const refused = (fields: Record<string, string | string[]>) => {
    try {
      parseRegistration(form({ ...GOOD, ...fields }));
      return null;
    } catch (error) {
      return error instanceof RegistrationRefused ? error.problem : "other";
    }
  };
  assert.equal(refused({ name: " MailDash " }), "name_reserved");
  assert.equal(refused({ redirect_uris: "" }), "redirect_uris_count");
  assert.equal(refused({ redirect_uris: Array.from({ length: 6 }, (_, i) => `https://a.example/${i}`).join("\n") }), "redirect_uris_count");
  assert.equal(refused({ redirect_uris: "https://a.example/cb\nhttp://a.example/cb" }), "redirect_uri_http_not_loopback");
  assert.equal(refused({ scope: [] }), "scope");
  assert.equal(refused({ scope: ["openid", "admin"] }), "scope");
  assert.equal(refused({ token_endpoint_auth_method: "private_key_jwt" }), "auth_method");
});

test(`at most ${DEVELOPER_CONSOLE.maxClientsPerUser} clients per user, disabled ones included`, async () => {
  const deps = testDependencies(database.db);
  const viewer = await student();
  const registration = parseRegistration(form(GOOD));
  const first = await registerDeveloperClient(deps, viewer, registration);
  await disableDeveloperClient(deps, viewer, first.client_id);
  for (let i = 1; i < DEVELOPER_CONSOLE.maxClientsPerUser; i++) await registerDeveloperClient(deps, viewer, registration);
  await assert.rejects(
    registerDeveloperClient(deps, viewer, registration),
    (e) => e instanceof RegistrationRefused && e.problem === "limit",
  );
  // Another user is not affected.
  await registerDeveloperClient(deps, await student(), registration);
});

test("only the owner sees and rotates a client; a teacher sees every registered client and may disable it", async () => {
  const deps = testDependencies(database.db);
  const owner = await student();
  const stranger = await student();
  const teacher = { id: (await createUser(database.db)).id, role: "teacher" };
  const { client_id } = await registerDeveloperClient(deps, owner, parseRegistration(form(GOOD)));
  assert.ok(await findDeveloperClient(deps, owner, client_id));
  assert.equal(await findDeveloperClient(deps, stranger, client_id), null);
  assert.ok(!(await listDeveloperClients(deps, stranger)).some((c) => c.client_id === client_id));
  assert.equal(await rotateClientSecret(deps, stranger, client_id), null);
  assert.equal(await disableDeveloperClient(deps, stranger, client_id), false);
  // The lab's own clients are nobody's to manage here, not even a teacher's.
  await database.db.client.create({
    data: { id: "lab-own", name: "Lab own", tokenEndpointAuthMethod: "none", redirectUris: [], allowedScopes: [], grantTypes: [] },
  });
  assert.equal(await findDeveloperClient(deps, teacher, "lab-own"), null);
  assert.equal(await disableDeveloperClient(deps, teacher, "lab-own"), false);
  const seen = (await listDeveloperClients(deps, teacher)).find((c) => c.client_id === client_id);
  assert.equal(seen?.owner.name, "Test User");
  // A teacher does not read or replace a student's secret.
  assert.equal(await rotateClientSecret(deps, teacher, client_id), null);
  assert.equal(await disableDeveloperClient(deps, teacher, client_id), true);
  assert.ok((await findDeveloperClient(deps, owner, client_id))?.disabledAt);
  // A disabled client's secret is not rotated either.
  assert.equal(await rotateClientSecret(deps, owner, client_id), null);
});

test("disabling a client ends its grants: refresh and access tokens revoked, consents forgotten", async () => {
  const deps = testDependencies(database.db);
  const owner = await student();
  const registration = parseRegistration(form({ ...GOOD, token_endpoint_auth_method: "client_secret_basic" }));
  const { client_id, client_secret } = await registerDeveloperClient(deps, owner, registration);
  assert.ok(client_secret);
  const client = { client_id, client_secret, redirect_uri: "http://127.0.0.1:8080/callback" };
  const user = await createUser(database.db);
  const { code, code_verifier } = await issueCode(deps, client, user.id, ["openid", "offline_access", "mail.read"]);
  const tokens = await handleTokenRequest(
    deps,
    formPost("/token", client, { grant_type: "authorization_code", code, code_verifier, redirect_uri: client.redirect_uri }),
  );
  assert.ok(tokens.refresh_token);
  assert.equal(await disableDeveloperClient(deps, owner, client_id), true);
  const grants = await database.db.grant.findMany({ where: { clientId: client_id } });
  assert.ok(grants.length > 0 && grants.every((g) => g.revokedAt !== null));
  assert.equal(await database.db.refreshToken.count({ where: { grant: { clientId: client_id }, revokedAt: null } }), 0);
  assert.equal(await database.db.accessToken.count({ where: { grant: { clientId: client_id }, revokedAt: null } }), 0);
  await assert.rejects(
    handleTokenRequest(deps, formPost("/token", client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })),
    (e: { error?: string }) => e.error === "unauthorized_client" || e.error === "invalid_grant",
  );
});
