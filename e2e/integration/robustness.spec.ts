// Oversized, malformed or hostile input at every endpoint gives a 4xx with the right OAuth error, never a
// 5xx and never a stack trace. fast-check generates the requests (thousands in all) and sends them over
// real HTTP to the authorization server and the mail API. Each generator mixes the real values (client_id,
// redirect_uri, a live access token, an open interaction) with junk, so the checks behind the first one
// run too. A failing property prints the request it shrank to, and the seed to replay it.
import { randomBytes } from "node:crypto";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { AUTHORIZATION_PARAMETERS } from "@oauth-flow-lab/oauth";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import {
  type Answer,
  AS_PARAMETER_NAMES,
  b64url,
  basicAuthorization,
  bearerAuthorization,
  contentType,
  cookieFrom,
  cookieHeader,
  describeProbe,
  encodedParameters,
  expectNoServerFailure,
  formBody,
  huge,
  INTERACTION_PARAMETERS,
  jsonPart,
  junkName,
  junkValue,
  live,
  nasty,
  type Probe,
  pathSegment,
  printable,
  propertyRuns,
  REVOCATION_PARAMETERS,
  rejectedByHttpParser,
  send,
  shortQuery,
  TOKEN_PARAMETERS,
  toWellFormed,
  withHeaders,
} from "../support/hostile-input.ts";
import {
  alice,
  authorizationRequest,
  basicAuth,
  bob,
  client,
  guidedClient,
  issuer,
  mailApi,
  mailApiClient,
  obtainTokens,
} from "../support/lab.ts";

test.describe.configure({ timeout: 120_000 });

// ---------------------------------------------------------------------------------------------------
// The properties of an OAuth answer (sending, and what every answer must have: ../support/hostile-input.ts)
// ---------------------------------------------------------------------------------------------------

/** RFC 6749 §5.2 and RFC 6750 §3: a 4xx of a JSON endpoint is `{"error": "...", ...}`. */
function expectOAuthErrorBody(probe: Probe, answer: Answer): void {
  if (answer.status < 400 || rejectedByHttpParser(answer)) return;
  const what = `${describeProbe(probe)}\n→ ${answer.status} ${answer.text.slice(0, 500)}`;
  // RFC 6750 §3.1: a request without any bearer credentials gets a bare challenge and no error code.
  const challenge = answer.headers.get("www-authenticate") ?? "";
  if (answer.status === 401 && answer.text === "" && /^Bearer /.test(challenge) && !challenge.includes("error=")) return;
  let body: unknown;
  expect(() => (body = JSON.parse(answer.text)), what).not.toThrow();
  expect(typeof (body as { error?: unknown } | null)?.error, what).toBe("string");
  expect(answer.headers.get("cache-control"), what).toBe("no-store");
}

/** RFC 6749 §4.1.2.1, RFC 9700 §4.11: the AS redirects only to itself or to the registered redirect_uri. */
function expectNoOpenRedirect(probe: Probe, answer: Answer): void {
  if (answer.status < 300 || answer.status >= 400) return;
  const location = answer.headers.get("location") ?? "";
  const what = `${describeProbe(probe)}\n→ ${answer.status} Location: ${location}`;
  const target = new URL(location, issuer);
  const onIssuer = target.origin === new URL(issuer).origin;
  const toClient = location === client.redirect_uri || location.startsWith(`${client.redirect_uri}?`);
  expect(onIssuer || toClient, what).toBe(true);
  // The login and consent forms turn an unexpected exception into a redirect to ?error=server: a
  // server error all the same, only dressed as a 303.
  if (onIssuer) expect(target.searchParams.get("error"), what).not.toBe("server");
}

async function expectJsonEndpoint(probe: Probe): Promise<Answer> {
  const answer = await send(probe);
  expectNoServerFailure(probe, answer);
  expectOAuthErrorBody(probe, answer);
  return answer;
}

async function expectHtmlEndpoint(probe: Probe): Promise<Answer> {
  const answer = await send(probe);
  expectNoServerFailure(probe, answer);
  expectNoOpenRedirect(probe, answer);
  return answer;
}

// ---------------------------------------------------------------------------------------------------
// Live values: tokens, a login session and two open interactions
// ---------------------------------------------------------------------------------------------------

/** GET /authorize and the interaction page it leads to (with `session`, the consent page). */
async function openInteraction(session?: string): Promise<{ id: string; cookie: string; csrf_token: string }> {
  const { query } = authorizationRequest();
  const response = await fetch(`${issuer}/authorize?${new URLSearchParams({ ...query, prompt: "consent" })}`, {
    redirect: "manual",
    headers: session ? { cookie: `as_session=${session}` } : {},
  });
  const location = new URL(response.headers.get("location") ?? "");
  const cookie = cookieFrom(response, "as_interaction");
  const page = await (await fetch(location, { headers: { cookie: `as_interaction=${cookie}` } })).text();
  const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1];
  const id = location.pathname.split("/").at(-1);
  if (!csrf_token || !id) throw new Error(`no interaction at ${location.href}`);
  return { id, cookie, csrf_token };
}

test.beforeAll(async () => {
  const tokens = await obtainTokens("openid profile email offline_access mail.read mail.send");
  live.access_token = tokens.access_token;
  live.refresh_token = tokens.refresh_token ?? "";
  live.id_token = tokens.id_token ?? "";

  const first = await openInteraction();
  const login = await fetch(`${issuer}/interaction/${first.id}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `as_interaction=${first.cookie}` },
    body: new URLSearchParams({ csrf_token: first.csrf_token, username: alice.username, password: alice.password }),
  });
  live.session_cookie = cookieFrom(login, "as_session");
  live.login = await openInteraction();
  live.consent = await openInteraction(live.session_cookie);

  const inbox = await fetch(`${mailApi}/v1/messages?limit=1`, { headers: { authorization: `Bearer ${live.access_token}` } });
  live.message_id = ((await inbox.json()) as { messages: { id: string }[] }).messages[0]?.id ?? "msg_none";
});

const validAuthorizationRequest = () => authorizationRequest().query;

// ---------------------------------------------------------------------------------------------------
// The authorization server
// ---------------------------------------------------------------------------------------------------

test.describe("authorization server", () => {
  test("RFC 6749 §4.1.2.1 — GET /authorize: hostile query strings never give a 5xx or an open redirect", async () => {
    await fc.assert(
      fc.asyncProperty(
        encodedParameters(AUTHORIZATION_PARAMETERS, validAuthorizationRequest),
        cookieHeader(() => []),
        async (query, cookie) => {
          await expectHtmlEndpoint({ method: "GET", url: `${issuer}/authorize?${query}`, headers: withHeaders({ cookie }) });
        },
      ),
      propertyRuns(400),
    );
  });

  test("RFC 6749 §4.1.2.1 — POST /authorize: hostile form bodies never give a 5xx or an open redirect", async () => {
    await fc.assert(
      fc.asyncProperty(
        formBody(AUTHORIZATION_PARAMETERS, validAuthorizationRequest),
        contentType,
        cookieHeader(() => []),
        async (body, type, cookie) => {
          await expectHtmlEndpoint({
            method: "POST",
            url: `${issuer}/authorize`,
            headers: withHeaders({ "content-type": type, cookie }),
            body,
          });
        },
      ),
      propertyRuns(400),
    );
  });

  test("RFC 6749 §5.2 — token endpoint: hostile bodies get a 4xx OAuth error, never a 5xx", async () => {
    const grant = () => ({
      grant_type: "refresh_token",
      refresh_token: live.refresh_token,
      code: "x",
      redirect_uri: client.redirect_uri,
      code_verifier: "x".repeat(43),
    });
    await fc.assert(
      fc.asyncProperty(
        formBody(TOKEN_PARAMETERS, grant),
        contentType,
        basicAuthorization,
        encodedParameters(TOKEN_PARAMETERS),
        async (body, type, authorization, query) => {
          const url = `${issuer}/token${query.length % 4 === 0 ? `?${query}` : ""}`;
          const answer = await expectJsonEndpoint({
            method: "POST",
            url,
            headers: withHeaders({ "content-type": type, authorization }),
            body,
          });
          if (answer.status === 401) expect(["invalid_client"]).toContain(JSON.parse(answer.text).error);
        },
      ),
      propertyRuns(500),
    );
  });

  test("RFC 7009 §2.2.1 — revocation endpoint: hostile bodies get a 4xx OAuth error, never a 5xx", async () => {
    const revocation = () => ({ token: live.refresh_token, token_type_hint: "refresh_token" });
    await fc.assert(
      fc.asyncProperty(formBody(REVOCATION_PARAMETERS, revocation), contentType, basicAuthorization, async (body, type, authorization) => {
        await expectJsonEndpoint({
          method: "POST",
          url: `${issuer}/revoke`,
          headers: withHeaders({ "content-type": type, authorization }),
          body,
        });
      }),
      propertyRuns(400),
    );
  });

  test("RFC 6750 §3.1 — UserInfo endpoint: garbled Bearer tokens get a 4xx OAuth error, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET" as const, "POST" as const),
        bearerAuthorization,
        formBody(AS_PARAMETER_NAMES),
        contentType,
        async (method, authorization, body, type) => {
          const probe: Probe =
            method === "GET"
              ? { method, url: `${issuer}/userinfo`, headers: withHeaders({ authorization }) }
              : { method, url: `${issuer}/userinfo`, headers: withHeaders({ authorization, "content-type": type }), body };
          const answer = await expectJsonEndpoint(probe);
          if (answer.status === 401) expect(answer.headers.get("www-authenticate") ?? "", describeProbe(probe)).toMatch(/^Bearer /);
        },
      ),
      propertyRuns(400),
    );
  });

  const interactionCookies = () => [`as_interaction=${live.login.cookie}`, `as_interaction=${live.consent.cookie}`];
  const interactionId = fc
    .constantFrom(
      () => live.login.id,
      () => live.consent.id,
    )
    .map((read) => read());

  test("interaction page: random ids and cookies never give a 5xx or a stack trace", async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment(interactionId), cookieHeader(interactionCookies), shortQuery(["error"]), async (id, cookie, query) => {
        await expectHtmlEndpoint({ method: "GET", url: `${issuer}/interaction/${id}?${query}`, headers: withHeaders({ cookie }) });
      }),
      propertyRuns(300),
    );
  });

  for (const action of ["login", "consent"] as const) {
    test(`interaction ${action} form: random forms and cookies never give a 5xx or an open redirect`, async () => {
      const interaction = () => live[action];
      const fields = () => ({ csrf_token: interaction().csrf_token, username: "alice", password: "wrong", decision: "deny" });
      await fc.assert(
        fc.asyncProperty(
          pathSegment(fc.constant(undefined).map(() => interaction().id)),
          formBody(INTERACTION_PARAMETERS, fields),
          contentType,
          cookieHeader(() => [`as_interaction=${interaction().cookie}`]),
          async (id, body, type, cookie) => {
            await expectHtmlEndpoint({
              method: "POST",
              url: `${issuer}/interaction/${id}/${action}`,
              headers: withHeaders({ "content-type": type, cookie }),
              body,
            });
          },
        ),
        propertyRuns(300),
      );
    });
  }

  test("RFC 8414 §3 — metadata and JWK Set: junk queries never give a 5xx", async () => {
    const paths = fc.constantFrom("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server", "/jwks");
    await fc.assert(
      fc.asyncProperty(paths, encodedParameters(AS_PARAMETER_NAMES), printable, async (path, query, accept) => {
        const probe: Probe = { method: "GET", url: `${issuer}${path}?${query}`, headers: { accept } };
        const answer = await send(probe);
        expectNoServerFailure(probe, answer);
        if (rejectedByHttpParser(answer)) return;
        // Public documents: the query changes nothing.
        expect(answer.status, describeProbe(probe)).toBe(200);
        expect(JSON.parse(answer.text), describeProbe(probe)).toBeTruthy();
      }),
      propertyRuns(300),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// The mail API
// ---------------------------------------------------------------------------------------------------

test.describe("mail API", () => {
  /** Most requests carry the live token, so that the route's own input checks run. */
  const mailAuthorization = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined).map(() => `Bearer ${live.access_token}`) },
    { weight: 2, arbitrary: bearerAuthorization },
  );

  const pageToken = fc.oneof(
    b64url,
    fc.jsonValue({ maxDepth: 2 }).map(jsonPart),
    fc
      .record({
        r: fc.oneof(
          fc.constantFrom(
            "2026-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "1969-12-31T23:59:59Z",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
          ),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string({ maxLength: 30 }),
        ),
        i: fc.oneof(
          fc.string({ unit: "binary", minLength: 1, maxLength: 100 }),
          nasty,
          fc.constant(undefined).map(() => live.message_id),
        ),
      })
      .map(jsonPart),
  );

  const messageQuery = fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom("limit", "page_token", "access_token") }, { weight: 1, arbitrary: junkName }),
        fc.oneof(
          fc.integer({ min: -5, max: 100 }).map(String),
          fc.constantFrom("05", "1.5", "1e1", "0x10", " 5", "50 "),
          pageToken,
          junkValue,
        ),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => pairs.map(([n, v]) => `${encodeURIComponent(toWellFormed(n))}=${encodeURIComponent(toWellFormed(v))}`).join("&"));

  test("RFC 6750 §3.1 — GET /v1/messages: hostile queries and Authorization headers get a 4xx OAuth error, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(messageQuery, mailAuthorization, async (query, authorization) => {
        await expectJsonEndpoint({ method: "GET", url: `${mailApi}/v1/messages?${query}`, headers: withHeaders({ authorization }) });
      }),
      propertyRuns(400),
    );
  });

  test("RFC 6750 §3.1 — GET /v1/messages/{id}: traversal and garbage ids get a 4xx OAuth error, never a 5xx", async () => {
    const id = fc.oneof(
      pathSegment(fc.constant(undefined).map(() => live.message_id)),
      b64url.map((s) => `msg_${s}`),
      fc.constantFrom(
        "msg_",
        `msg_${"a".repeat(101)}`,
        "msg_%00",
        "msg_..%2F..%2Fhealth",
        "..",
        "%2e%2e",
        "../health",
        "msg_a/../../health",
        "msg_a%2F..%2F..%2Fhealth",
      ),
    );
    await fc.assert(
      fc.asyncProperty(id, mailAuthorization, messageQuery, async (messageId, authorization, query) => {
        await expectJsonEndpoint({
          method: "GET",
          url: `${mailApi}/v1/messages/${messageId}?${query}`,
          headers: withHeaders({ authorization }),
        });
      }),
      propertyRuns(300),
    );
  });

  test("RFC 6750 §3.1 — POST /v1/messages: hostile JSON and non-JSON bodies get a 4xx OAuth error, never a 5xx", async () => {
    const text = fc.oneof(junkValue, fc.string({ minLength: 1, maxLength: 30 }));
    const draft = fc
      .record(
        {
          to: fc.oneof(fc.constantFrom(bob.email, alice.email, "a@b", "@", "bob@labmail.test\u0000", `${"a".repeat(250)}@x.test`), text),
          subject: text,
          body: text,
          from: text,
        },
        { requiredKeys: [] },
      )
      .map((d) => JSON.stringify(d));
    const body = fc.oneof(
      { weight: 4, arbitrary: draft },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: junkValue },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }) },
      { weight: 1, arbitrary: huge(100_000).map((s) => JSON.stringify({ to: bob.email, subject: "x", body: s })) },
    );
    const type = fc.oneof(
      { weight: 4, arbitrary: fc.constant("application/json") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "application/json; charset=utf-16",
          "APPLICATION/JSON",
          "text/json",
          "application/x-www-form-urlencoded",
          "",
          ";",
        ),
      },
      { weight: 1, arbitrary: printable },
    );
    await fc.assert(
      fc.asyncProperty(body, type, mailAuthorization, messageQuery, async (payload, contentType, authorization, query) => {
        const url = `${mailApi}/v1/messages${query.length % 3 === 0 ? `?${query}` : ""}`;
        await expectJsonEndpoint({
          method: "POST",
          url,
          headers: withHeaders({ "content-type": contentType, authorization }),
          body: payload,
        });
      }),
      propertyRuns(400),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Introspection (RFC 7662) and the teaching trace, at both servers
// ---------------------------------------------------------------------------------------------------

test.describe("introspection and the teaching trace", () => {
  /** A live trace capability of a guided flow, so that the generators can mix it with junk. */
  let capability = "";
  test.beforeAll(async () => {
    const body = new URLSearchParams({ state_hash: randomBytes(32).toString("base64url") });
    const registered = await fetch(`${issuer}/trace`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basicAuth(guidedClient.client_id, guidedClient.client_secret),
      },
      body,
    });
    capability = ((await registered.json()) as { trace_id: string }).trace_id;
  });
  /** Header values a client can send (fetch refuses control characters in headers). */
  const traceHeader = fc.oneof(
    fc.constant(undefined).map(() => capability),
    b64url,
    printable,
    fc.constant(undefined).map(() => `${capability}${capability}`),
    fc.constant(undefined).map(() => capability.slice(1)),
  );

  test("RFC 7662 §2.1 — POST /introspect: hostile bodies and credentials get a 4xx OAuth error, never a 5xx", async () => {
    const introspection = () => ({ token: live.access_token, token_type_hint: "access_token" });
    const credentials = fc.oneof(fc.constant(basicAuth(mailApiClient.client_id, mailApiClient.client_secret)), basicAuthorization);
    await fc.assert(
      fc.asyncProperty(formBody(REVOCATION_PARAMETERS, introspection), contentType, credentials, async (body, type, authorization) => {
        const answer = await expectJsonEndpoint({
          method: "POST",
          url: `${issuer}/introspect`,
          headers: withHeaders({ "content-type": type, authorization }),
          body,
        });
        if (answer.status === 200) expect(typeof (JSON.parse(answer.text) as { active?: unknown }).active).toBe("boolean");
      }),
      propertyRuns(300),
    );
  });

  test("teaching trace at the AS — GET and POST /trace: junk capabilities and bodies never give a 5xx or a trace", async () => {
    const register = () => ({ state_hash: "B".repeat(43) });
    const credentials = fc.oneof(fc.constant(basicAuth(guidedClient.client_id, guidedClient.client_secret)), basicAuthorization);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST"),
        traceHeader,
        formBody(["state_hash", "client_id", "client_secret"], register),
        contentType,
        credentials,
        async (method, header, body, type, authorization) => {
          const probe: Probe =
            method === "GET"
              ? { method, url: `${issuer}/trace`, headers: withHeaders({ [TRACE_CAPABILITY_HEADER]: header }) }
              : {
                  method,
                  url: `${issuer}/trace`,
                  headers: withHeaders({ "content-type": type, authorization, [TRACE_CAPABILITY_HEADER]: header }),
                  body,
                };
          const answer = await expectJsonEndpoint(probe);
          // Only the real capability reads a trace.
          if (method === "GET" && answer.status === 200) expect(header, describeProbe(probe)).toBe(capability);
        },
      ),
      propertyRuns(300),
    );
  });

  test("teaching trace at the mail API — GET /trace: junk capabilities never give a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(traceHeader, fc.constantFrom("GET", "POST", "DELETE"), async (header, method) => {
        await expectJsonEndpoint({ method, url: `${mailApi}/trace`, headers: withHeaders({ [TRACE_CAPABILITY_HEADER]: header }) });
      }),
      propertyRuns(200),
    );
  });
});
