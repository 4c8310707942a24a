// Oversized, malformed or hostile input at every endpoint gives a 4xx with the right OAuth error, never a
// 5xx and never a stack trace. fast-check generates the requests (thousands in all) and sends them over
// real HTTP to the authorization server and the mail API. Each generator mixes the real values (client_id,
// redirect_uri, a live access token, an open interaction) with junk, so the checks behind the first one
// run too. A failing property prints the request it shrank to, and the seed to replay it.
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { alice, authorizationRequest, basicAuth, bob, client, issuer, mailApi, obtainTokens } from "../support/lab.ts";
import { AUTHORIZATION_PARAMETERS } from "../../apps/authorization-server/src/protocol/authorization/authorization-request.ts";

test.describe.configure({ timeout: 120_000 });

// ---------------------------------------------------------------------------------------------------
// Sending, and the properties every answer must have
// ---------------------------------------------------------------------------------------------------

type Probe = { method: "GET" | "POST"; url: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> };
type Answer = { status: number; headers: Headers; text: string };

/** A stack frame (`at fn (file:1:2)`), a module path, or a thrown error's `Name: message` line. */
const STACK_TRACE = /\bat .+\(.*:\d+:\d+\)|node_modules|Error: /;

async function send(probe: Probe): Promise<Answer> {
  const response = await fetch(probe.url, {
    method: probe.method,
    headers: probe.headers,
    body: probe.body,
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The request, short enough for an assertion message (bodies can be 100 kB). */
function describeProbe(probe: Probe): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  const body = probe.body === undefined ? "" : typeof probe.body === "string" ? cut(probe.body) : `<${probe.body.length} bytes>`;
  return `${probe.method} ${cut(probe.url)} ${JSON.stringify(probe.headers ?? {})} ${JSON.stringify(body)}`;
}

function expectNoServerFailure(probe: Probe, answer: Answer): void {
  const what = describeProbe(probe);
  expect(answer.status, `${what}\n→ ${answer.status} ${answer.text.slice(0, 500)}`).toBeLessThan(500);
  expect(answer.text, `${what}: the answer leaks a stack trace`).not.toMatch(STACK_TRACE);
}

/**
 * 431: Node's HTTP parser refuses a request line and headers over 16 kB before any application code
 * runs, with an empty body. That is the right answer to an oversized URL or header, but it cannot
 * carry an OAuth error.
 */
function rejectedByHttpParser(answer: Answer): boolean {
  return answer.status === 431 && answer.text === "";
}

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
// What the generators draw from
// ---------------------------------------------------------------------------------------------------

/** Live values, filled in by beforeAll: with them the generated requests get past the first checks. */
const live = {
  access_token: "",
  refresh_token: "",
  id_token: "",
  session_cookie: "",
  message_id: "",
  /** An interaction waiting for a login, and one (of a logged-in user) waiting for consent. */
  login: { id: "", cookie: "", csrf_token: "" },
  consent: { id: "", cookie: "", csrf_token: "" },
};

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });
const percentGarbage = fc
  .array(fc.constantFrom("%", "%0", "%zz", "%00", "%ff", "%FF%FE", "%e2%82", "%C0%AF", "%ED%A0%80", "%%", "%2", "+", "&", "=", ";", "%26", "%3D", "a"), { maxLength: 12 })
  .map((parts) => parts.join(""));
/** 1 kB to `max` of a repeated pattern: oversized but cheap to generate. */
const huge = (max: number) =>
  fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1_000, max })).map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));
const nasty = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "dashboard\u0000",
  "\r\n",
  "\u2028",
  "\uFEFF",
  "\uD800",
  "😀",
  "Ω≈ç√",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "${7*7}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "[]",
  "{}",
  " ",
);

/** A parameter value: anything from plain junk to 10 kB, control characters and invalid UTF-16. */
const junkValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  controlChars,
  percentGarbage,
  nasty,
  huge(10_000),
);

/** The parameters each AS endpoint reads: the generators pick these names most of the time. */
const TOKEN_PARAMETERS = ["grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id", "client_secret"];
const REVOCATION_PARAMETERS = ["token", "token_type_hint", "client_id", "client_secret"];
const INTERACTION_PARAMETERS = ["csrf_token", "username", "password", "decision"];
const AS_PARAMETER_NAMES = [...new Set([...AUTHORIZATION_PARAMETERS, ...TOKEN_PARAMETERS, ...REVOCATION_PARAMETERS, ...INTERACTION_PARAMETERS, "access_token"])];

const junkName = fc.oneof(
  fc.string({ maxLength: 20 }),
  percentGarbage,
  nasty,
  fc.constantFrom(...AS_PARAMETER_NAMES), // another endpoint's parameter
  fc.constantFrom("client_id[]", "scope[0]", "a.b", "", "=", "&"),
);
const parameterName = (names: readonly string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: junkName });

/** Values that mean something to the AS, so that a generated request sometimes is nearly valid. */
const meaningfulValue = fc.constantFrom(
  "code",
  "token",
  "code id_token",
  "dashboard",
  "nobody",
  "S256",
  "plain",
  "openid",
  "openid profile email offline_access mail.read mail.send",
  "openid openid",
  "none",
  "login",
  "consent",
  "none login",
  "authorization_code",
  "refresh_token",
  "client_credentials",
  "password",
  "allow",
  "deny",
  "alice",
  "alice-password",
  "https://attacker.example/callback",
  "//attacker.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  "/\\attacker.example",
);
/** The real values, read when the request is generated (after beforeAll). */
const liveValue = fc.constantFrom(
  () => client.client_id,
  () => client.client_secret,
  () => client.redirect_uri,
  () => `${client.redirect_uri}#fragment`,
  () => `${client.redirect_uri}@attacker.example`,
  () => `${client.redirect_uri}/../../evil`,
  () => client.redirect_uri.replace("http://", "http://attacker.example\\@"),
  () => `${issuer}/authorize`,
  () => live.access_token,
  () => live.refresh_token,
  () => live.id_token,
  () => live.login.csrf_token,
  () => live.consent.csrf_token,
  () => createHash("sha256").update("verifier").digest("base64url"),
);
const parameterValue = fc.oneof(
  { weight: 3, arbitrary: junkValue },
  { weight: 2, arbitrary: nasty },
  { weight: 2, arbitrary: meaningfulValue },
  { weight: 2, arbitrary: liveValue.map((read) => read()) },
);

type Pair = [string, string];

/**
 * A query string or form body: random (mostly real) names with random values, repeats included, each
 * pair either properly encoded or raw (raw `&`, `=`, `%` and `+` break the structure on purpose).
 * With `base`, the pairs go into a valid request (replacing or repeating its values), of which a
 * random part is dropped.
 */
function encodedParameters(names: readonly string[], base?: () => Record<string, string>): fc.Arbitrary<string> {
  const pair = fc.tuple(parameterName(names), parameterValue);
  return fc
    .record({
      useBase: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      drop: fc.subarray([...names], { maxLength: 2 }),
      pairs: fc.array(pair, { maxLength: 10 }),
      override: fc.boolean(),
      encodings: fc.array(fc.constantFrom("encoded", "encoded", "encoded", "raw"), { minLength: 20, maxLength: 20 }),
    })
    .map(({ useBase, drop, pairs, override, encodings }) => {
      const all: Pair[] = [];
      if (useBase && base) {
        for (const [name, value] of Object.entries(base())) if (!drop.includes(name)) all.push([name, value]);
      }
      for (const [name, value] of pairs) {
        // Either replace the valid value (the checks behind the first one run) or repeat the parameter.
        const existing = override ? all.find(([n]) => n === name) : undefined;
        if (existing) existing[1] = value;
        else all.push([name, value]);
      }
      return all
        .map(([name, value], i) =>
          encodings[i % encodings.length] === "raw" ? `${name}=${value}` : `${encodeURIComponent(toWellFormed(name))}=${encodeURIComponent(toWellFormed(value))}`,
        )
        .join("&");
    });
}

/** encodeURIComponent throws on a lone surrogate: it becomes U+FFFD, as the URL parser would make it. */
function toWellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/**
 * A query of at most a few hundred bytes. Next.js answers `/interaction/` (an empty id) with a 308 to
 * the same URL without the slash and echoes the whole URL in two response headers: a 10 kB query
 * gives 20 kB of headers, more than fetch accepts (HeadersOverflowError), though nothing is wrong.
 */
function shortQuery(names: readonly string[]): fc.Arbitrary<string> {
  const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), controlChars, percentGarbage, nasty, meaningfulValue);
  return fc
    .array(fc.tuple(parameterName(names), value), { maxLength: 4 })
    .map((pairs) => pairs.map(([name, v]) => `${encodeURIComponent(toWellFormed(name))}=${encodeURIComponent(toWellFormed(v))}`).join("&"));
}

/** Form bodies up to 100 kB, or arbitrary bytes. */
function formBody(names: readonly string[], base?: () => Record<string, string>): fc.Arbitrary<string | Uint8Array<ArrayBuffer>> {
  return fc.oneof(
    { weight: 6, arbitrary: encodedParameters(names, base) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }) },
    { weight: 1, arbitrary: huge(100_000).map((s) => `a=${s}`) },
    { weight: 1, arbitrary: huge(100_000) },
  );
}

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/x-www-form-urlencoded") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/x-www-form-urlencoded; charset=utf-8",
      "APPLICATION/X-WWW-FORM-URLENCODED",
      "application/x-www-form-urlencoded; charset=iso-8859-1",
      "application/x-www-form-urlencoded;;;",
      "application/json",
      "text/plain",
      "multipart/form-data; boundary=xyz",
      "multipart/form-data",
      "application/octet-stream",
      ";",
      "",
    ),
  },
  { weight: 1, arbitrary: printable },
);

const base64ish = fc.oneof(fc.base64String({ maxLength: 80 }), printable, fc.constantFrom("====", "=", "!!!", "YQ", "YTpi=", "Og==", "JQ==", "JTpa"));
/** Every kind of Authorization header a client (or an attacker) could send. */
const basicAuthorization = fc.oneof(
  fc.constant(undefined),
  { weight: 4, arbitrary: fc.constant(undefined).map(() => basicAuth(client.client_id, client.client_secret)) },
  fc.tuple(parameterValue, parameterValue).map(([id, secret]) => basicAuth(toWellFormed(id), toWellFormed(secret))),
  fc.tuple(printable, printable).map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => `Basic ${Buffer.from(bytes).toString("base64")}`),
  fc.tuple(fc.constantFrom("Basic", "basic", "BASIC", "Basic  ", "Bearer", "Digest", "Negotiate", ""), base64ish).map(([scheme, rest]) => `${scheme} ${rest}`),
  printable,
  huge(8_000).map((s) => `Basic ${Buffer.from(s).toString("base64").slice(0, 8_000)}`),
);

const b64url = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), maxLength: 120 });
const jsonPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** Strings shaped like a JWT: random segments, forged headers (alg none, HS256), pieces of a real token. */
const jwtLike = fc.oneof(
  fc.tuple(b64url, b64url, b64url).map((parts) => parts.join(".")),
  fc.array(b64url, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(".")),
  fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), b64url)
    .map(([header, payload, signature]) => `${jsonPart(header)}.${jsonPart(payload)}.${signature}`),
  fc
    .tuple(fc.constantFrom("none", "HS256", "ES256", "RS256", "ES512", ""), fc.constantFrom("at+jwt", "JWT", "jwt", ""), b64url, fc.jsonValue({ maxDepth: 1 }))
    .map(([alg, typ, signature, sub]) => {
      const claims = { iss: issuer, aud: mailApi, sub, scope: "openid mail.read mail.send", client_id: client.client_id, exp: 4e9, iat: 1, jti: "x" };
      return `${jsonPart({ alg, typ, kid: "x" })}.${jsonPart(claims)}.${signature}`;
    }),
  fc.tuple(fc.nat(), fc.constantFrom("A", "_", ".", "")).map(([at, insert]) => {
    // The real token, with one character changed: the signature must fail.
    const token = live.access_token;
    const i = at % Math.max(token.length, 1);
    return token.slice(0, i) + insert + token.slice(i + 1);
  }),
  fc.constant(undefined).map(() => live.id_token), // an ID token is not an access token (typ)
  fc.constant(undefined).map(() => live.access_token),
);

/** A Bearer header of every shape (printable ASCII only: fetch refuses anything else client-side). */
const bearerAuthorization = fc.oneof(
  fc.constant(undefined),
  jwtLike.map((t) => `Bearer ${t}`),
  fc.tuple(fc.constantFrom("Bearer", "bearer", "BEARER", "Bearer  ", "Bearer\t", "Basic", "MAC", "Bearer="), fc.oneof(jwtLike, printable)).map(([s, t]) => `${s} ${t}`),
  fc.tuple(jwtLike, printable).map(([t, extra]) => `Bearer ${t} ${extra}`),
  fc.tuple(jwtLike, jwtLike).map(([a, b]) => `Bearer ${a}, Bearer ${b}`), // as two headers would be joined
  printable,
  huge(8_000).map((s) => `Bearer ${Buffer.from(s).toString("base64url").slice(0, 8_000)}`),
);

/** A Cookie header: none, the live ones, or junk (names and values of printable ASCII). */
function cookieHeader(real: () => string[]): fc.Arbitrary<string | undefined> {
  const one = fc.oneof(
    fc.constant(undefined).map(() => real()),
    fc.tuple(fc.constantFrom("as_interaction", "as_session"), fc.oneof(printable, b64url, huge(6_000).map((s) => Buffer.from(s).toString("base64url").slice(0, 6_000)))).map(([n, v]) => [`${n}=${v}`]),
    fc.tuple(printable, printable).map(([n, v]) => [`${n}=${v}`]),
    fc.constant(undefined).map(() => [`as_session=${live.session_cookie}`]),
    fc.constant([]),
  );
  return fc.array(one, { maxLength: 3 }).map((lists) => {
    const cookies = lists.flat().filter((c) => c.length > 0);
    return cookies.length === 0 ? undefined : cookies.join("; ");
  });
}

/** A path segment: the real one, an encoded random string, or raw traversal and encoding garbage. */
function pathSegment(real: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    real,
    fc.string({ unit: "binary", maxLength: 40 }).map((s) => encodeURIComponent(toWellFormed(s))),
    fc.constantFrom("..%2F..%2Ftoken", "%2e%2e%2f", "..%5c..%5c", "%00", "a%00b", "%", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF", ";x", "~", "%252e", "%0d%0aSet-Cookie:x=1"),
    huge(5_000).map((s) => encodeURIComponent(s)),
    percentGarbage.filter((s) => s.length > 0).map((s) => s.replace(/[#?/]/g, "")),
    fc.tuple(real, percentGarbage).map(([id, g]) => `${id}${g.replace(/[#?/]/g, "")}`),
  );
}

function withHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
}

// ---------------------------------------------------------------------------------------------------
// Live values: tokens, a login session and two open interactions
// ---------------------------------------------------------------------------------------------------

function cookieFrom(response: Response, name: string): string {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    if (pair.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  throw new Error(`no ${name} cookie`);
}

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
      fc.asyncProperty(encodedParameters(AUTHORIZATION_PARAMETERS, validAuthorizationRequest), cookieHeader(() => []), async (query, cookie) => {
        await expectHtmlEndpoint({ method: "GET", url: `${issuer}/authorize?${query}`, headers: withHeaders({ cookie }) });
      }),
      { numRuns: 400 },
    );
  });

  test("RFC 6749 §4.1.2.1 — POST /authorize: hostile form bodies never give a 5xx or an open redirect", async () => {
    await fc.assert(
      fc.asyncProperty(formBody(AUTHORIZATION_PARAMETERS, validAuthorizationRequest), contentType, cookieHeader(() => []), async (body, type, cookie) => {
        await expectHtmlEndpoint({ method: "POST", url: `${issuer}/authorize`, headers: withHeaders({ "content-type": type, cookie }), body });
      }),
      { numRuns: 400 },
    );
  });

  test("RFC 6749 §5.2 — token endpoint: hostile bodies get a 4xx OAuth error, never a 5xx", async () => {
    const grant = () => ({ grant_type: "refresh_token", refresh_token: live.refresh_token, code: "x", redirect_uri: client.redirect_uri, code_verifier: "x".repeat(43) });
    await fc.assert(
      fc.asyncProperty(formBody(TOKEN_PARAMETERS, grant), contentType, basicAuthorization, encodedParameters(TOKEN_PARAMETERS), async (body, type, authorization, query) => {
        const url = `${issuer}/token${query.length % 4 === 0 ? `?${query}` : ""}`;
        const answer = await expectJsonEndpoint({ method: "POST", url, headers: withHeaders({ "content-type": type, authorization }), body });
        if (answer.status === 401) expect(["invalid_client"]).toContain(JSON.parse(answer.text).error);
      }),
      { numRuns: 500 },
    );
  });

  test("RFC 7009 §2.2.1 — revocation endpoint: hostile bodies get a 4xx OAuth error, never a 5xx", async () => {
    const revocation = () => ({ token: live.refresh_token, token_type_hint: "refresh_token" });
    await fc.assert(
      fc.asyncProperty(formBody(REVOCATION_PARAMETERS, revocation), contentType, basicAuthorization, async (body, type, authorization) => {
        await expectJsonEndpoint({ method: "POST", url: `${issuer}/revoke`, headers: withHeaders({ "content-type": type, authorization }), body });
      }),
      { numRuns: 400 },
    );
  });

  test("RFC 6750 §3.1 — UserInfo endpoint: garbled Bearer tokens get a 4xx OAuth error, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GET" as const, "POST" as const), bearerAuthorization, formBody(AS_PARAMETER_NAMES), contentType, async (method, authorization, body, type) => {
        const probe: Probe =
          method === "GET"
            ? { method, url: `${issuer}/userinfo`, headers: withHeaders({ authorization }) }
            : { method, url: `${issuer}/userinfo`, headers: withHeaders({ authorization, "content-type": type }), body };
        const answer = await expectJsonEndpoint(probe);
        if (answer.status === 401) expect(answer.headers.get("www-authenticate") ?? "", describeProbe(probe)).toMatch(/^Bearer /);
      }),
      { numRuns: 400 },
    );
  });

  const interactionCookies = () => [`as_interaction=${live.login.cookie}`, `as_interaction=${live.consent.cookie}`];
  const interactionId = fc.constantFrom(() => live.login.id, () => live.consent.id).map((read) => read());

  test("interaction page: random ids and cookies never give a 5xx or a stack trace", async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment(interactionId), cookieHeader(interactionCookies), shortQuery(["error"]), async (id, cookie, query) => {
        await expectHtmlEndpoint({ method: "GET", url: `${issuer}/interaction/${id}?${query}`, headers: withHeaders({ cookie }) });
      }),
      { numRuns: 300 },
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
            await expectHtmlEndpoint({ method: "POST", url: `${issuer}/interaction/${id}/${action}`, headers: withHeaders({ "content-type": type, cookie }), body });
          },
        ),
        { numRuns: 300 },
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
      { numRuns: 300 },
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
          fc.constantFrom("2026-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z"),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string({ maxLength: 30 }),
        ),
        i: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 100 }), nasty, fc.constant(undefined).map(() => live.message_id)),
      })
      .map(jsonPart),
  );

  const messageQuery = fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom("limit", "page_token", "access_token") }, { weight: 1, arbitrary: junkName }),
        fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), fc.constantFrom("05", "1.5", "1e1", "0x10", " 5", "50 "), pageToken, junkValue),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => pairs.map(([n, v]) => `${encodeURIComponent(toWellFormed(n))}=${encodeURIComponent(toWellFormed(v))}`).join("&"));

  test("RFC 6750 §3.1 — GET /v1/messages: hostile queries and Authorization headers get a 4xx OAuth error, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(messageQuery, mailAuthorization, async (query, authorization) => {
        await expectJsonEndpoint({ method: "GET", url: `${mailApi}/v1/messages?${query}`, headers: withHeaders({ authorization }) });
      }),
      { numRuns: 400 },
    );
  });

  test("RFC 6750 §3.1 — GET /v1/messages/{id}: traversal and garbage ids get a 4xx OAuth error, never a 5xx", async () => {
    const id = fc.oneof(
      pathSegment(fc.constant(undefined).map(() => live.message_id)),
      b64url.map((s) => `msg_${s}`),
      fc.constantFrom("msg_", `msg_${"a".repeat(101)}`, "msg_%00", "msg_..%2F..%2Fhealth", "..", "%2e%2e", "../health", "msg_a/../../health", "msg_a%2F..%2F..%2Fhealth"),
    );
    await fc.assert(
      fc.asyncProperty(id, mailAuthorization, messageQuery, async (messageId, authorization, query) => {
        await expectJsonEndpoint({ method: "GET", url: `${mailApi}/v1/messages/${messageId}?${query}`, headers: withHeaders({ authorization }) });
      }),
      { numRuns: 300 },
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
      { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-16", "APPLICATION/JSON", "text/json", "application/x-www-form-urlencoded", "", ";") },
      { weight: 1, arbitrary: printable },
    );
    await fc.assert(
      fc.asyncProperty(body, type, mailAuthorization, messageQuery, async (payload, contentType, authorization, query) => {
        const url = `${mailApi}/v1/messages${query.length % 3 === 0 ? `?${query}` : ""}`;
        await expectJsonEndpoint({ method: "POST", url, headers: withHeaders({ "content-type": contentType, authorization }), body: payload });
      }),
      { numRuns: 400 },
    );
  });
});
