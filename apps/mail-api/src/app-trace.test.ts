// The teaching trace observes the checks the request listener really ran: in order, with their outcome,
// cached answers marked as cached, and the answers byte-for-byte the same with and without it.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import type { ProtocolCheck, TraceEvent } from "@oauth-flow-lab/oauth";
import { type AppDependencies, createRequestListener } from "./app.ts";
import type { Mailbox } from "./mailbox.ts";
import { silentLogger } from "./test-logger.ts";
import { BOB, memoryMailbox, message } from "./test-mailbox.ts";
import { ALICE, AUDIENCE, createTestIssuer, ISSUER, type TestIssuer } from "./test-tokens.ts";
import { withRevocationCheck } from "./token-status.ts";
import type { Trace } from "./trace.ts";
import { createAccessTokenVerifier } from "./verify-access-token.ts";

const CAPABILITY = "A".repeat(43);

type Recording = { endpoint: string; checks: ProtocolCheck[]; client_id: string | undefined; capability: string | undefined };

/** An in-memory Trace: keeps every record call, and reads them back by capability. */
function memoryTrace(): Trace & { recordings: Recording[] } {
  const recordings: Recording[] = [];
  return {
    recordings,
    async record(req, endpoint, checks, client_id) {
      const header = req.headers[TRACE_CAPABILITY_HEADER];
      recordings.push({ endpoint, checks: [...checks], client_id, capability: typeof header === "string" ? header : undefined });
    },
    async read(capability) {
      return recordings
        .filter((r) => r.capability === capability)
        .flatMap((r) =>
          r.checks.map((c): TraceEvent => ({ ...c, at: "2026-11-20T00:00:00.000Z", actor: "mail-api", endpoint: r.endpoint })),
        );
    },
  };
}

/** The fake AS's introspection endpoint: what it answers, and how often it was asked. */
const introspection = { answer: "active" as "active" | "revoked" | "down", asked: 0 };
let clock = Date.now();

let as: TestIssuer;
const servers: Server[] = [];

async function start(overrides: Partial<AppDependencies> = {}): Promise<string> {
  const fixture = [message("msg_alice_01", ALICE, 0), message("msg_alice_02", ALICE, 10), message("msg_bob_01", BOB, 5)];
  const verifier = withRevocationCheck(
    createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet, now: () => clock }),
    async () => {
      introspection.asked++;
      if (introspection.answer === "down") throw new Error("connection refused");
      return introspection.answer === "active";
    },
    { ttlMs: 5000, now: () => clock },
  );
  const server = createServer(createRequestListener({ verifier, mailbox: memoryMailbox(fixture), logger: silentLogger, ...overrides }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(async () => {
  as = await createTestIssuer();
});
after(() => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

function call(base: string, path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set(TRACE_CAPABILITY_HEADER, CAPABILITY);
  if (init.token !== undefined) headers.set("Authorization", `Bearer ${init.token}`);
  return fetch(`${base}${path}`, { ...init, headers });
}

const ids = (checks: readonly ProtocolCheck[]) => checks.map((c) => c.id);
const lastRecording = (trace: { recordings: Recording[] }): Recording => {
  const last = trace.recordings.at(-1);
  assert.ok(last, "a recording");
  return last;
};
const FRESH = ["bearer-token", "jwt-header", "jwt-signature", "jwt-issuer", "jwt-audience", "jwt-lifetime", "jwt-required-claims"];

test("RFC 7662: a fresh introspection is reported as a request; within the window, as cached with its age", async () => {
  introspection.answer = "active";
  const trace = memoryTrace();
  const base = await start({ trace });
  const token = await as.sign();
  const asked = introspection.asked;

  assert.equal((await call(base, "/v1/messages", { token })).status, 200);
  let { checks, client_id, endpoint } = lastRecording(trace);
  assert.equal(endpoint, "GET /v1/messages");
  assert.equal(client_id, "dashboard");
  assert.deepEqual(ids(checks), [...FRESH, "token-active", "route-scope", "own-mailbox"]);
  assert.ok(checks.every((c) => c.ok));
  const fresh = checks.find((c) => c.id === "token-active");
  assert.equal(fresh?.cached, undefined);
  assert.match(fresh?.detail ?? "", /introspection request/);
  assert.equal(introspection.asked, asked + 1);

  clock += 3_400;
  assert.equal((await call(base, "/v1/messages", { token })).status, 200);
  ({ checks, client_id } = lastRecording(trace));
  assert.equal(client_id, "dashboard", "the signature was verified when the token was cached");
  assert.deepEqual(ids(checks), ["bearer-token", "verified-token-cache", "token-active", "route-scope", "own-mailbox"]);
  assert.deepEqual(checks.find((c) => c.id === "verified-token-cache")?.cached, { age_seconds: 3 });
  assert.deepEqual(checks.find((c) => c.id === "token-active")?.cached, { age_seconds: 3 });
  assert.equal(introspection.asked, asked + 1, "no request was made");

  clock += 2_000; // 5.4 s after the AS answered: asked again
  assert.equal((await call(base, "/v1/messages", { token })).status, 200);
  ({ checks } = lastRecording(trace));
  assert.equal(checks.find((c) => c.id === "token-active")?.cached, undefined);
  assert.deepEqual(checks.find((c) => c.id === "verified-token-cache")?.cached, { age_seconds: 5 });
  assert.equal(introspection.asked, asked + 2);
});

test("a refused request names the check that refused, and nothing after it", async () => {
  introspection.answer = "active";
  const trace = memoryTrace();
  const base = await start({ trace });
  const other = await createTestIssuer();
  const cases: { name: string; request: () => Promise<Response>; status: number; refusedBy: string; client_id: string | undefined }[] = [
    { name: "no token", request: () => call(base, "/v1/messages"), status: 401, refusedBy: "bearer-token", client_id: undefined },
    {
      name: "token in the query",
      request: async () => call(base, `/v1/messages?access_token=${await as.sign()}`),
      status: 400,
      refusedBy: "bearer-token",
      client_id: undefined,
    },
    {
      name: "typ JWT",
      request: async () => call(base, "/v1/messages", { token: await as.sign({ header: { typ: "JWT" } }) }),
      status: 401,
      refusedBy: "jwt-header",
      client_id: undefined,
    },
    {
      name: "another key",
      request: async () => call(base, "/v1/messages", { token: await other.sign() }),
      status: 401,
      refusedBy: "jwt-signature",
      client_id: undefined,
    },
    {
      name: "wrong issuer",
      request: async () => call(base, "/v1/messages", { token: await as.sign({ claims: { iss: "http://evil.test" } }) }),
      status: 401,
      refusedBy: "jwt-issuer",
      client_id: "dashboard",
    },
    {
      name: "wrong audience",
      request: async () => call(base, "/v1/messages", { token: await as.sign({ claims: { aud: "http://127.0.0.1:5999" } }) }),
      status: 401,
      refusedBy: "jwt-audience",
      client_id: "dashboard",
    },
    {
      name: "expired",
      request: async () => call(base, "/v1/messages", { token: await as.sign({ claims: { iat: 1, exp: 2 } }) }),
      status: 401,
      refusedBy: "jwt-lifetime",
      client_id: "dashboard",
    },
    {
      name: "no jti",
      request: async () => call(base, "/v1/messages", { token: await as.sign({ claims: { jti: undefined } }) }),
      status: 401,
      refusedBy: "jwt-required-claims",
      client_id: "dashboard",
    },
    {
      name: "no mail.read",
      request: async () => call(base, "/v1/messages", { token: await as.sign({ claims: { scope: "openid" } }) }),
      status: 403,
      refusedBy: "route-scope",
      client_id: "dashboard",
    },
  ];
  for (const { name, request, status, refusedBy, client_id } of cases) {
    assert.equal((await request()).status, status, name);
    const recording = lastRecording(trace);
    const refused = recording.checks.at(-1);
    assert.equal(refused?.id, refusedBy, name);
    assert.equal(refused?.ok, false, name);
    assert.ok(
      recording.checks.slice(0, -1).every((c) => c.ok),
      name,
    );
    assert.equal(recording.client_id, client_id, name);
  }
  const noJti = trace.recordings.find((r) => r.checks.at(-1)?.id === "jwt-required-claims");
  assert.match(noJti?.checks.at(-1)?.detail ?? "", /^invalid_token: /);

  introspection.answer = "revoked";
  assert.equal((await call(base, "/v1/messages", { token: await as.sign() })).status, 401);
  assert.deepEqual(ids(lastRecording(trace).checks), [...FRESH, "token-active"]);
  assert.match(lastRecording(trace).checks.at(-1)?.detail ?? "", /revoked/);

  introspection.answer = "down";
  assert.equal((await call(base, "/v1/messages", { token: await as.sign() })).status, 503, "fails closed");
  assert.deepEqual(ids(lastRecording(trace).checks), [...FRESH, "token-active"]);
  assert.match(lastRecording(trace).checks.at(-1)?.detail ?? "", /^temporarily_unavailable: /);
  introspection.answer = "active";
});

test("the own-mailbox check is reported only once the handler called the mailbox", async () => {
  introspection.answer = "active";
  const trace = memoryTrace();
  const base = await start({ trace });
  const token = await as.sign({ claims: { scope: "mail.read mail.send" } });

  assert.equal((await call(base, "/v1/messages?limit=0", { token })).status, 400);
  assert.equal(lastRecording(trace).checks.at(-1)?.id, "route-scope", "refused before the mailbox was asked");
  const bad = await call(base, "/v1/messages", { token, method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  assert.equal(bad.status, 400);
  assert.ok(!ids(lastRecording(trace).checks).includes("own-mailbox"));

  // Bob's message: the query scoped to Alice's sub ran, and found nothing.
  assert.equal((await call(base, "/v1/messages/msg_bob_01", { token })).status, 404);
  const own = lastRecording(trace).checks.at(-1);
  assert.equal(own?.id, "own-mailbox");
  assert.equal(own?.ok, true);
  assert.equal(own?.detail, `owner sub ${ALICE}`);

  // A mailbox call that fails is reported as failed: the report is the call's outcome.
  const broken: Mailbox = {
    listMessages: async () => Promise.reject(new Error("database unavailable")),
    findMessage: async () => undefined,
    setUnread: async () => undefined,
    send: async () => Promise.reject(new Error("database unavailable")),
  };
  const brokenTrace = memoryTrace();
  const brokenBase = await start({ trace: brokenTrace, mailbox: broken });
  assert.equal((await call(brokenBase, "/v1/messages", { token })).status, 500);
  assert.deepEqual(lastRecording(brokenTrace).checks.at(-1), {
    id: "own-mailbox",
    check: "Only this user's own mailbox is used: the mailbox query is scoped to the token's sub",
    ok: false,
    rfc: "RFC 6749 §1.1",
  });
});

test("with and without a trace, every answer is byte-for-byte the same", async () => {
  introspection.answer = "active";
  const traced = await start({ trace: memoryTrace() });
  const plain = await start();
  const token = await as.sign({ claims: { scope: "mail.read mail.send" } });
  const badAudience = await as.sign({ claims: { aud: "http://127.0.0.1:5999" } });
  const readOnly = await as.sign();
  const requests: [string, RequestInit & { token?: string }][] = [
    ["/health", {}],
    ["/v1/messages", {}],
    ["/v1/messages", { headers: { authorization: "Bearer a b" } }],
    ["/v1/messages", { token: badAudience }],
    ["/v1/messages", { token }],
    ["/v1/messages", { token }], // served from both caches this time
    ["/v1/messages?limit=1", { token }],
    ["/v1/messages?limit=0", { token }],
    ["/v1/messages/msg_alice_01", { token }],
    ["/v1/messages/msg_bob_01", { token }],
    ["/v1/messages", { token: readOnly, method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
    [
      "/v1/messages",
      {
        token,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to: "bob@labmail.test", subject: "Hi", body: "Hello" }),
      },
    ],
    ["/v1/messages", { token, method: "DELETE" }],
    ["/v1/messages", { token, method: "OPTIONS", headers: { origin: "http://127.0.0.1:3000" } }],
  ];
  const snapshot = async (response: Response) => {
    // The date and the request's own id (a fresh one per request) differ between any two answers.
    const headers = [...response.headers].filter(([name]) => name !== "date" && name !== "x-request-id");
    return { status: response.status, headers, body: await response.text() };
  };
  for (const [path, init] of requests) {
    const label = `${init.method ?? "GET"} ${path}`;
    assert.deepEqual(await snapshot(await call(traced, path, init)), await snapshot(await call(plain, path, init)), label);
  }
  for (const answer of ["revoked", "down"] as const) {
    introspection.answer = answer;
    const fresh = await as.sign();
    assert.deepEqual(
      await snapshot(await call(traced, "/v1/messages", { token: fresh })),
      await snapshot(await call(plain, "/v1/messages", { token: fresh })),
      answer,
    );
  }
  introspection.answer = "active";
});

test("GET /trace reads the events of the capability in x-flow-trace; otherwise, as with no trace, 404", async () => {
  introspection.answer = "active";
  const trace = memoryTrace();
  const traced = await start({ trace });
  const plain = await start();
  await call(traced, "/v1/messages", { token: await as.sign() });

  const read = await fetch(`${traced}/trace`, { headers: { [TRACE_CAPABILITY_HEADER]: CAPABILITY } });
  assert.equal(read.status, 200);
  const { events } = (await read.json()) as { events: TraceEvent[] };
  assert.deepEqual(ids(events), [...FRESH, "token-active", "route-scope", "own-mailbox"]);

  const notFound = await (await fetch(`${plain}/trace`, { headers: { [TRACE_CAPABILITY_HEADER]: CAPABILITY } })).text();
  assert.equal(JSON.parse(notFound).error, "not_found");
  const malformed: Record<string, string>[] = [
    {},
    { [TRACE_CAPABILITY_HEADER]: "short" },
    { [TRACE_CAPABILITY_HEADER]: `${"A".repeat(42)}=` },
  ];
  for (const headers of malformed) {
    const response = await fetch(`${traced}/trace`, { headers });
    assert.equal(response.status, 404);
    assert.equal(await response.text(), notFound);
  }
  assert.equal((await fetch(`${traced}/trace/${CAPABILITY}`)).status, 404, "the old path is gone");
});

test("the trace is recorded before the response is sent", async () => {
  introspection.answer = "active";
  const inner = memoryTrace();
  let recorded = false;
  const slow: Trace = {
    read: inner.read,
    async record(...args) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await inner.record(...args);
      recorded = true;
    },
  };
  const base = await start({ trace: slow });
  const response = await call(base, "/v1/messages", { token: await as.sign({ claims: { scope: "openid" } }) });
  assert.equal(response.status, 403);
  assert.equal(recorded, true);
});
