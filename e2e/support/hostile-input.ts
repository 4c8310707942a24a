// Hostile input, shared by the robustness suites (e2e/integration/robustness.spec.ts for the AS and the
// mail API, dashboard-robustness.spec.ts for the dashboard): how a probe is sent, the properties every
// answer must have, and the fast-check generators. Each generator mixes the real values (client_id,
// redirect_uri, a live access token, a session cookie) with junk, so the checks behind the first one run
// too. The suites fill `live` in their beforeAll.
import { createHash } from "node:crypto";
import { AUTHORIZATION_PARAMETERS } from "@oauth-flow-lab/oauth";
import { expect } from "@playwright/test";
import fc from "fast-check";
import { basicAuth, client, issuer, mailApi } from "./lab.ts";

// ---------------------------------------------------------------------------------------------------
// Sending, and the properties every answer must have
// ---------------------------------------------------------------------------------------------------

/** A request. Any method, unexpected ones included; a body is sent only with methods that may carry one. */
export type Probe = { method: string; url: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> };
export type Answer = { status: number; headers: Headers; text: string };

/** A stack frame (`at fn (file:1:2)`), a module path, or a thrown error's `Name: message` line. */
export const STACK_TRACE = /\bat .+\(.*:\d+:\d+\)|node_modules|Error: /;

export async function send(probe: Probe): Promise<Answer> {
  const response = await fetch(probe.url, {
    method: probe.method,
    headers: probe.headers,
    body: hasNoBody(probe.method) ? undefined : probe.body,
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** fetch refuses a body on GET and HEAD (in any case). */
export function hasNoBody(method: string): boolean {
  return ["GET", "HEAD"].includes(method.toUpperCase());
}

/** The request, short enough for an assertion message (bodies can be 100 kB). */
export function describeProbe(probe: Probe): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  const body = probe.body === undefined ? "" : typeof probe.body === "string" ? cut(probe.body) : `<${probe.body.length} bytes>`;
  const headers = Object.fromEntries(Object.entries(probe.headers ?? {}).map(([name, value]) => [name, cut(value)]));
  return `${probe.method} ${cut(probe.url)} ${JSON.stringify(headers)} ${JSON.stringify(body)}`;
}

export function expectNoServerFailure(probe: Probe, answer: Answer): void {
  const what = describeProbe(probe);
  expect(answer.status, `${what}\n→ ${answer.status} ${answer.text.slice(0, 500)}`).toBeLessThan(500);
  expect(answer.text, `${what}: the answer leaks a stack trace`).not.toMatch(STACK_TRACE);
}

/**
 * 431: Node's HTTP parser refuses a request line and headers over 16 kB before any application code
 * runs, with an empty body. That is the right answer to an oversized URL or header, but it cannot
 * carry an OAuth error.
 */
export function rejectedByHttpParser(answer: Answer): boolean {
  return answer.status === 431 && answer.text === "";
}

// ---------------------------------------------------------------------------------------------------
// What the generators draw from
// ---------------------------------------------------------------------------------------------------

/** Live values, filled in by beforeAll: with them the generated requests get past the first checks. */
export const live = {
  access_token: "",
  refresh_token: "",
  id_token: "",
  session_cookie: "",
  message_id: "",
  /** An interaction waiting for a login, and one (of a logged-in user) waiting for consent. */
  login: { id: "", cookie: "", csrf_token: "" },
  consent: { id: "", cookie: "", csrf_token: "" },
};

export const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
export const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 8,
});
export const percentGarbage = fc
  .array(
    fc.constantFrom(
      "%",
      "%0",
      "%zz",
      "%00",
      "%ff",
      "%FF%FE",
      "%e2%82",
      "%C0%AF",
      "%ED%A0%80",
      "%%",
      "%2",
      "+",
      "&",
      "=",
      ";",
      "%26",
      "%3D",
      "a",
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));
/** 1 kB to `max` of a repeated pattern: oversized but cheap to generate. */
export const huge = (max: number) =>
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1_000, max }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));
export const nasty = fc.constantFrom(
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
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
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
export const junkValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  controlChars,
  percentGarbage,
  nasty,
  huge(10_000),
);

/** The parameters each AS endpoint reads: the generators pick these names most of the time. */
export const TOKEN_PARAMETERS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "scope",
  "client_id",
  "client_secret",
];
export const REVOCATION_PARAMETERS = ["token", "token_type_hint", "client_id", "client_secret"];
export const INTERACTION_PARAMETERS = ["csrf_token", "username", "password", "decision"];
export const AS_PARAMETER_NAMES = [
  ...new Set([...AUTHORIZATION_PARAMETERS, ...TOKEN_PARAMETERS, ...REVOCATION_PARAMETERS, ...INTERACTION_PARAMETERS, "access_token"]),
];

export const junkName = fc.oneof(
  fc.string({ maxLength: 20 }),
  percentGarbage,
  nasty,
  fc.constantFrom(...AS_PARAMETER_NAMES), // another endpoint's parameter
  fc.constantFrom("client_id[]", "scope[0]", "a.b", "", "=", "&"),
);
export const parameterName = (names: readonly string[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: junkName });

/** Values that mean something to the AS, so that a generated request sometimes is nearly valid. */
export const meaningfulValue = fc.constantFrom(
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
export const liveValue = fc.constantFrom(
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
export const parameterValue = fc.oneof(
  { weight: 3, arbitrary: junkValue },
  { weight: 2, arbitrary: nasty },
  { weight: 2, arbitrary: meaningfulValue },
  { weight: 2, arbitrary: liveValue.map((read) => read()) },
);

export type Pair = [string, string];

/**
 * A query string or form body: random (mostly real) names with random values, repeats included, each
 * pair either properly encoded or raw (raw `&`, `=`, `%` and `+` break the structure on purpose).
 * With `base`, the pairs go into a valid request (replacing or repeating its values), of which a
 * random part is dropped.
 */
export function encodedParameters(names: readonly string[], base?: () => Record<string, string>): fc.Arbitrary<string> {
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
          encodings[i % encodings.length] === "raw"
            ? `${name}=${value}`
            : `${encodeURIComponent(toWellFormed(name))}=${encodeURIComponent(toWellFormed(value))}`,
        )
        .join("&");
    });
}

/** encodeURIComponent throws on a lone surrogate: it becomes U+FFFD, as the URL parser would make it. */
export function toWellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/**
 * A query of at most a few hundred bytes. Next.js answers `/interaction/` (an empty id) with a 308 to
 * the same URL without the slash and echoes the whole URL in two response headers: a 10 kB query
 * gives 20 kB of headers, more than fetch accepts (HeadersOverflowError), though nothing is wrong.
 */
export function shortQuery(names: readonly string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    controlChars,
    percentGarbage,
    nasty,
    meaningfulValue,
  );
  return fc
    .array(fc.tuple(parameterName(names), value), { maxLength: 4 })
    .map((pairs) => pairs.map(([name, v]) => `${encodeURIComponent(toWellFormed(name))}=${encodeURIComponent(toWellFormed(v))}`).join("&"));
}

/** Form bodies up to 100 kB, or arbitrary bytes. */
export function formBody(names: readonly string[], base?: () => Record<string, string>): fc.Arbitrary<string | Uint8Array<ArrayBuffer>> {
  return fc.oneof(
    { weight: 6, arbitrary: encodedParameters(names, base) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }) },
    { weight: 1, arbitrary: huge(100_000).map((s) => `a=${s}`) },
    { weight: 1, arbitrary: huge(100_000) },
  );
}

export const contentType = fc.oneof(
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

export const base64ish = fc.oneof(
  fc.base64String({ maxLength: 80 }),
  printable,
  fc.constantFrom("====", "=", "!!!", "YQ", "YTpi=", "Og==", "JQ==", "JTpa"),
);
/** Every kind of Authorization header a client (or an attacker) could send. */
export const basicAuthorization = fc.oneof(
  fc.constant(undefined),
  { weight: 4, arbitrary: fc.constant(undefined).map(() => basicAuth(client.client_id, client.client_secret)) },
  fc.tuple(parameterValue, parameterValue).map(([id, secret]) => basicAuth(toWellFormed(id), toWellFormed(secret))),
  fc.tuple(printable, printable).map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => `Basic ${Buffer.from(bytes).toString("base64")}`),
  fc
    .tuple(fc.constantFrom("Basic", "basic", "BASIC", "Basic  ", "Bearer", "Digest", "Negotiate", ""), base64ish)
    .map(([scheme, rest]) => `${scheme} ${rest}`),
  printable,
  huge(8_000).map((s) => `Basic ${Buffer.from(s).toString("base64").slice(0, 8_000)}`),
);

export const b64url = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
  maxLength: 120,
});
export const jsonPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** Strings shaped like a JWT: random segments, forged headers (alg none, HS256), pieces of a real token. */
export const jwtLike = fc.oneof(
  fc.tuple(b64url, b64url, b64url).map((parts) => parts.join(".")),
  fc.array(b64url, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(".")),
  fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), b64url)
    .map(([header, payload, signature]) => `${jsonPart(header)}.${jsonPart(payload)}.${signature}`),
  fc
    .tuple(
      fc.constantFrom("none", "HS256", "ES256", "RS256", "ES512", ""),
      fc.constantFrom("at+jwt", "JWT", "jwt", ""),
      b64url,
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([alg, typ, signature, sub]) => {
      const claims = {
        iss: issuer,
        aud: mailApi,
        sub,
        scope: "openid mail.read mail.send",
        client_id: client.client_id,
        exp: 4e9,
        iat: 1,
        jti: "x",
      };
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
export const bearerAuthorization = fc.oneof(
  fc.constant(undefined),
  jwtLike.map((t) => `Bearer ${t}`),
  fc
    .tuple(fc.constantFrom("Bearer", "bearer", "BEARER", "Bearer  ", "Bearer\t", "Basic", "MAC", "Bearer="), fc.oneof(jwtLike, printable))
    .map(([s, t]) => `${s} ${t}`),
  fc.tuple(jwtLike, printable).map(([t, extra]) => `Bearer ${t} ${extra}`),
  fc.tuple(jwtLike, jwtLike).map(([a, b]) => `Bearer ${a}, Bearer ${b}`), // as two headers would be joined
  printable,
  huge(8_000).map((s) => `Bearer ${Buffer.from(s).toString("base64url").slice(0, 8_000)}`),
);

/**
 * A Cookie header: none, the live ones, or junk (names and values of printable ASCII). `names` are the
 * cookies the server reads (junk values go there), `session` a signed-in user's cookies; both default
 * to the AS's.
 */
export function cookieHeader(
  real: () => string[],
  {
    names = ["as_interaction", "as_session"],
    session = () => [`as_session=${live.session_cookie}`],
  }: { names?: readonly string[]; session?: () => string[] } = {},
): fc.Arbitrary<string | undefined> {
  const one = fc.oneof(
    fc.constant(undefined).map(() => real()),
    fc
      .tuple(
        fc.constantFrom(...names),
        fc.oneof(
          printable,
          b64url,
          huge(6_000).map((s) => Buffer.from(s).toString("base64url").slice(0, 6_000)),
        ),
      )
      .map(([n, v]) => [`${n}=${v}`]),
    fc.tuple(printable, printable).map(([n, v]) => [`${n}=${v}`]),
    fc.constant(undefined).map(() => session()),
    fc.constant([]),
  );
  return fc.array(one, { maxLength: 3 }).map((lists) => {
    const cookies = lists.flat().filter((c) => c.length > 0);
    return cookies.length === 0 ? undefined : cookies.join("; ");
  });
}

/** A path segment: the real one, an encoded random string, or raw traversal and encoding garbage. */
export function pathSegment(real: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    real,
    fc.string({ unit: "binary", maxLength: 40 }).map((s) => encodeURIComponent(toWellFormed(s))),
    fc.constantFrom(
      "..%2F..%2Ftoken",
      "%2e%2e%2f",
      "..%5c..%5c",
      "%00",
      "a%00b",
      "%",
      "%E0%A4%A",
      "%C0%AF",
      "%ED%A0%80",
      "%FF",
      ";x",
      "~",
      "%252e",
      "%0d%0aSet-Cookie:x=1",
    ),
    huge(5_000).map((s) => encodeURIComponent(s)),
    percentGarbage.filter((s) => s.length > 0).map((s) => s.replace(/[#?/]/g, "")),
    fc.tuple(real, percentGarbage).map(([id, g]) => `${id}${g.replace(/[#?/]/g, "")}`),
  );
}

export function withHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
}

export function cookieFrom(response: Response, name: string): string {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    if (pair.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  throw new Error(`no ${name} cookie`);
}

/** Every method, the unexpected ones included (fetch itself refuses CONNECT, TRACE and TRACK). */
export const httpMethod = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("GET", "POST") },
  { weight: 2, arbitrary: fc.constantFrom("HEAD", "PUT", "PATCH", "DELETE", "OPTIONS") },
  { weight: 1, arbitrary: fc.constantFrom("PROPFIND", "QUERY", "FOO", "get", "post") },
);

/** JSON bodies: objects with the endpoint's names, every JSON type, and text that only looks like JSON. */
export function jsonBody(names: readonly string[], base?: () => Record<string, string>): fc.Arbitrary<string> {
  const member = fc.tuple(
    parameterName(names),
    fc.oneof({ weight: 3, arbitrary: parameterValue }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
  );
  const object = fc
    .tuple(fc.boolean(), fc.array(member, { maxLength: 8 }))
    .map(([useBase, members]) =>
      JSON.stringify({ ...(useBase && base ? base() : {}), ...Object.fromEntries(members.map(([n, v]) => [toWellFormed(n), v])) }),
    );
  const broken = fc.oneof(
    fc.constantFrom(
      "",
      "{",
      "}",
      "{]",
      '{"a":',
      '{"a":1,}',
      "[1,2",
      "nul",
      "tru",
      "'x'",
      "{'a':1}",
      "NaN",
      "undefined",
      "\uD800",
      '"\\uD800"',
      '{"__proto__":{"polluted":1}}',
    ),
    object.map((json) => json.slice(0, Math.max(0, json.length - 1))), // truncated
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), // valid JSON of any shape
  );
  return fc.oneof(
    { weight: 3, arbitrary: object },
    { weight: 2, arbitrary: broken },
    { weight: 1, arbitrary: junkValue },
    { weight: 1, arbitrary: huge(100_000).map((s) => JSON.stringify({ a: s })) },
  );
}

/** multipart/form-data bodies, well-formed or not; the boundary of the content type is `xyz`. */
export function multipartBody(names: readonly string[]): fc.Arbitrary<string> {
  const part = fc
    .tuple(parameterName(names), parameterValue, fc.boolean())
    .map(([name, value, file]) =>
      [
        "--xyz",
        `Content-Disposition: form-data; name="${toWellFormed(name).replace(/["\r\n]/g, "")}"${file ? '; filename="a.txt"' : ""}`,
        ...(file ? ["Content-Type: application/octet-stream"] : []),
        "",
        toWellFormed(value),
      ].join("\r\n"),
    );
  const wellFormed = fc.array(part, { maxLength: 6 }).map((parts) => `${parts.join("\r\n")}\r\n--xyz--\r\n`);
  const broken = fc.oneof(
    fc.constantFrom(
      "--xyz",
      "--xyz\r\n",
      "--xyz--",
      "--abc\r\n\r\nx\r\n--abc--",
      "--xyz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--xyz--",
      "--xyz\r\n\r\n\r\n",
    ),
    wellFormed.map((body) => body.slice(0, Math.max(0, body.length - 8))), // no closing boundary
  );
  return fc.oneof({ weight: 2, arbitrary: wellFormed }, { weight: 2, arbitrary: broken }, { weight: 1, arbitrary: junkValue });
}

/**
 * A content type and a body, matching or not: urlencoded, JSON and multipart bodies (well-formed or
 * broken) under their own type, under another type, or under junk.
 */
export function requestBody(
  names: readonly string[],
  base?: () => Record<string, string>,
): fc.Arbitrary<{ contentType: string | undefined; body: string | Uint8Array<ArrayBuffer> }> {
  const json = jsonBody(names, base);
  const types = (...fixed: string[]) =>
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fixed) }, { weight: 1, arbitrary: contentType });
  return fc.oneof(
    fc.record({ contentType: contentType, body: formBody(names, base) }),
    fc.record({
      contentType: types(
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/json; charset=utf-16",
        "text/json",
      ),
      body: json,
    }),
    fc.record({
      contentType: types("multipart/form-data; boundary=xyz", "multipart/form-data; boundary=abc", "multipart/form-data"),
      body: multipartBody(names),
    }),
    fc.record({ contentType: fc.constant(undefined), body: fc.oneof(formBody(names, base), json) }),
  );
}

/**
 * fast-check options for a suite that must give the same answer every run: a fixed seed (replace it
 * with ROBUSTNESS_SEED) and a bounded number of requests. fast-check prints the seed and the shrunk
 * counterexample when a property fails.
 */
export function propertyRuns(numRuns: number): { seed: number; numRuns: number } {
  return { seed: Number(process.env.ROBUSTNESS_SEED ?? 20_261_130), numRuns };
}
