// The dashboard answers hostile input like the AS and the mail API: a 4xx (or the page that explains the
// error), never a 5xx and never a stack trace. fast-check generates the requests with the generators of
// the AS and mail API suite (../support/hostile-input.ts) and sends them over real HTTP to every route:
// next-auth's /api/auth/*, the guided flow (which may be off: 404), /spa, /inbox, /inbox/{id}, the health
// route. A fixed seed and a bounded count: every run sends the same requests; a failure prints the seed
// and the request it shrank to (replay another seed with ROBUSTNESS_SEED).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { stackLogDir } from "../../scripts/lib/stack.ts";
import {
  type Answer,
  cookieFrom,
  cookieHeader,
  describeProbe,
  encodedParameters,
  expectNoServerFailure,
  hasNoBody,
  httpMethod,
  live,
  type Probe,
  pathSegment,
  printable,
  propertyRuns,
  requestBody,
  send,
  shortQuery,
  withHeaders,
} from "../support/hostile-input.ts";
import { issuer, lab, mailApi, obtainTokens, ScriptedUserAgent, setCookies } from "../support/lab.ts";

test.describe.configure({ timeout: 180_000 });

const dashboard = lab.dashboardUrl;

// ---------------------------------------------------------------------------------------------------
// What every dashboard answer must have
// ---------------------------------------------------------------------------------------------------

/** A redirect stays on the dashboard, or goes to the AS (sign-in); never to a URL taken from the request. */
function expectNoOpenRedirect(probe: Probe, answer: Answer): void {
  if (answer.status < 300 || answer.status >= 400) return;
  const location = answer.headers.get("location") ?? "";
  const target = new URL(location, probe.url);
  const what = `${describeProbe(probe)}\n→ ${answer.status} Location: ${location}`;
  expect([new URL(dashboard).origin, new URL(issuer).origin], what).toContain(target.origin);
}

async function expectDashboardAnswer(probe: Probe): Promise<Answer> {
  const answer = await send(probe);
  expectNoServerFailure(probe, answer);
  expectNoOpenRedirect(probe, answer);
  return answer;
}

// ---------------------------------------------------------------------------------------------------
// What the generators draw from: the dashboard's parameters and cookies, and live values
// ---------------------------------------------------------------------------------------------------

/** next-auth v4's parameters (query and body) and the authorization response's (RFC 6749 §4.1.2, RFC 9207). */
const NEXTAUTH_PARAMETERS = [
  "callbackUrl",
  "csrfToken",
  "json",
  "error",
  "code",
  "state",
  "iss",
  "error_description",
  "session_state",
  "redirect",
  "provider",
];
const NEXTAUTH_ACTIONS = [
  "signin",
  "signin/labmail",
  "callback/labmail",
  "signout",
  "session",
  "csrf",
  "providers",
  "error",
  "_log",
  "verify-request",
  "signin/nobody",
  "callback/nobody",
];
/** next-auth's cookies (lib/session-cookie.ts; the test stack runs on http, so without prefixes) and the guided flow's. */
const NEXTAUTH_COOKIES = [
  "next-auth.session-token",
  "next-auth.session-token.0",
  "next-auth.callback-url",
  "next-auth.csrf-token",
  "next-auth.pkce.code_verifier",
  "next-auth.state",
  "next-auth.nonce",
];
const GUIDED_FLOW_COOKIE = "guided_flow";
const DASHBOARD_COOKIES = [...NEXTAUTH_COOKIES, GUIDED_FLOW_COOKIE];
const GUIDED_STEPS = ["1", "2", "3", "4", "5", "6", "refresh", "revoke"];
const GUIDED_ACTIONS = [
  "start",
  "reset",
  "send-token-request",
  "call-mail-api",
  "refresh",
  "revoke",
  "call-mail-api-again",
  "expire-access-token",
];
const PAGE_PARAMETERS = ["error", "page_token", "presenter", "exchange", "expired", "from", "callbackUrl"];

/** The dashboard's live values, filled in by beforeAll. */
const session = {
  /** A signed-in user's session cookies (`name=value`, chunks included). */
  cookies: [] as string[],
  csrf_token: "",
  csrf_cookie: "",
  /** A sign-in in progress: its state, PKCE verifier and nonce cookies, and the state sent to the AS. */
  pending: { cookies: [] as string[], state: "" },
  /** A guided flow in progress (empty when the guided flow is off). */
  guided_cookie: "",
};

const dashboardCookies = (real: () => string[]) => cookieHeader(real, { names: DASHBOARD_COOKIES, session: () => session.cookies });

/** Next.js's own request headers, which a client can send too: server actions, RSC, the router state tree. */
const nextHeaders = fc.record(
  {
    "next-action": fc.oneof(fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 1, maxLength: 42 }), printable),
    rsc: fc.constantFrom("1", "0", "x"),
    "next-router-state-tree": fc.oneof(
      printable,
      fc.jsonValue({ maxDepth: 3 }).map((v) => encodeURIComponent(JSON.stringify(v))),
    ),
    "next-router-prefetch": fc.constantFrom("1", "x"),
    "x-middleware-subrequest": fc.constantFrom("middleware", "proxy", "src/proxy", "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy"),
    origin: fc.constantFrom(dashboard, "https://attacker.example", "null", ""),
    accept: printable,
  },
  { requiredKeys: [] },
);

/** A dashboard request: any method, a query, maybe a body of any kind, cookies and Next.js headers. */
function dashboardProbe(
  path: fc.Arbitrary<string>,
  {
    names,
    base,
    cookies = () => [],
    methods = httpMethod,
  }: { names: readonly string[]; base?: () => Record<string, string>; cookies?: () => string[]; methods?: fc.Arbitrary<string> },
): fc.Arbitrary<Probe> {
  return fc
    .record({
      path,
      method: methods,
      query: fc.oneof(encodedParameters(names, base), shortQuery(names), fc.constant("")),
      body: requestBody(names, base),
      cookie: dashboardCookies(cookies),
      next: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: nextHeaders }),
    })
    .map(({ path, method, query, body, cookie, next }) => ({
      method,
      url: `${dashboard}${path}${query ? `?${query}` : ""}`,
      headers: withHeaders({ ...next, cookie, "content-type": hasNoBody(method) ? undefined : body.contentType }),
      body: hasNoBody(method) ? undefined : body.body,
    }));
}

// ---------------------------------------------------------------------------------------------------
// Live values: tokens for the AS suite's generators, a dashboard session, a sign-in in progress, a guided flow
// ---------------------------------------------------------------------------------------------------

/** POST /api/auth/signin/labmail as the sign-in button does: the redirect to the AS, and the check cookies. */
async function startSignIn(): Promise<{ location: URL; cookies: string[] }> {
  const response = await fetch(`${dashboard}/api/auth/signin/labmail`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: session.csrf_cookie },
    body: new URLSearchParams({ csrfToken: session.csrf_token, callbackUrl: "/inbox" }),
  });
  const location = new URL(response.headers.get("location") ?? "", dashboard);
  if (location.origin !== new URL(issuer).origin) throw new Error(`sign-in did not go to the AS: ${response.status} ${location.href}`);
  return { location, cookies: setCookies(response) };
}

test.beforeAll(async () => {
  const tokens = await obtainTokens("openid profile email offline_access mail.read mail.send");
  live.access_token = tokens.access_token;
  live.refresh_token = tokens.refresh_token ?? "";
  live.id_token = tokens.id_token ?? "";
  const inbox = await fetch(`${mailApi}/v1/messages?limit=1`, { headers: { authorization: `Bearer ${live.access_token}` } });
  live.message_id = ((await inbox.json()) as { messages: { id: string }[] }).messages[0]?.id ?? "msg_none";

  // next-auth's CSRF token (double submit: the cookie and the value).
  const csrf = await fetch(`${dashboard}/api/auth/csrf`);
  session.csrf_token = ((await csrf.json()) as { csrfToken: string }).csrfToken;
  session.csrf_cookie = `next-auth.csrf-token=${cookieFrom(csrf, "next-auth.csrf-token")}`;

  // A whole sign-in: the dashboard's session cookies.
  const signIn = await startSignIn();
  const callback = await new ScriptedUserAgent().authorize(Object.fromEntries(signIn.location.searchParams));
  const signedIn = await fetch(callback, { redirect: "manual", headers: { cookie: [session.csrf_cookie, ...signIn.cookies].join("; ") } });
  session.cookies = setCookies(signedIn).filter((pair) => pair.startsWith("next-auth.session-token"));
  if (session.cookies.length === 0)
    throw new Error(`the callback set no session cookie: ${signedIn.status} ${signedIn.headers.get("location")}`);

  // A sign-in left at the AS: the callback's checks (state, PKCE, nonce) run against these.
  const pending = await startSignIn();
  session.pending = { cookies: pending.cookies, state: pending.location.searchParams.get("state") ?? "" };

  // A guided flow, when the guided flow is on.
  const guided = await fetch(`${dashboard}/guided/actions/start`, { method: "POST", redirect: "manual" });
  if (guided.status === 303) session.guided_cookie = `${GUIDED_FLOW_COOKIE}=${cookieFrom(guided, GUIDED_FLOW_COOKIE)}`;
});

// ---------------------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------------------

test.describe("dashboard", () => {
  test("malformed paths anywhere (broken percent-encoding, lone surrogates, traversal) give a 4xx, never a 5xx", async () => {
    const prefix = fc.constantFrom(
      "",
      "/inbox",
      "/guided",
      "/guided/actions",
      "/api/auth",
      "/api/auth/callback",
      "/api/health",
      "/spa",
      "/_next/static",
    );
    await fc.assert(
      fc.asyncProperty(
        prefix,
        pathSegment(fc.constantFrom("labmail", "1", "callback", "session")),
        fc.constantFrom("GET", "POST"),
        dashboardCookies(() => session.cookies),
        async (base, segment, method, cookie) => {
          await expectDashboardAnswer({ method, url: `${dashboard}${base}/${segment}`, headers: withHeaders({ cookie }) });
        },
      ),
      propertyRuns(200),
    );
  });

  test("health, landing page and /spa: junk queries, bodies, cookies and methods never give a 5xx", async () => {
    const path = fc.constantFrom("/api/health", "/", "/spa");
    await fc.assert(
      fc.asyncProperty(dashboardProbe(path, { names: PAGE_PARAMETERS, cookies: () => session.cookies }), async (probe) => {
        await expectDashboardAnswer(probe);
      }),
      propertyRuns(200),
    );
  });

  test("/inbox and /inbox/{id}: hostile ids, queries and session cookies never give a 5xx", async () => {
    const path = fc.oneof(
      { weight: 1, arbitrary: fc.constant("/inbox") },
      { weight: 2, arbitrary: pathSegment(fc.constant(undefined).map(() => live.message_id)).map((id) => `/inbox/${id}`) },
    );
    const page_token = () => ({
      page_token: Buffer.from(JSON.stringify({ r: "2026-01-01T00:00:00Z", i: live.message_id })).toString("base64url"),
    });
    await fc.assert(
      fc.asyncProperty(
        dashboardProbe(path, {
          names: ["page_token", ...PAGE_PARAMETERS],
          base: page_token,
          cookies: () => session.cookies,
          methods: fc.oneof({ weight: 4, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: httpMethod }),
        }),
        async (probe) => {
          await expectDashboardAnswer(probe);
        },
      ),
      propertyRuns(250),
    );
  });

  test("guided pages, callback and transcript: hostile queries and flow cookies never give a 5xx (404 when the guided flow is off)", async () => {
    const path = fc.oneof(
      fc.constantFrom("/guided", "/guided/callback", "/guided/transcript.json"),
      pathSegment(fc.constantFrom(...GUIDED_STEPS)).map((step) => `/guided/${step}`),
    );
    const response = () => ({ code: "x", state: session.pending.state, iss: issuer, presenter: "1" });
    await fc.assert(
      fc.asyncProperty(
        dashboardProbe(path, {
          names: ["code", "state", "iss", "error", "error_description", ...PAGE_PARAMETERS],
          base: response,
          cookies: () => [session.guided_cookie],
        }),
        async (probe) => {
          await expectDashboardAnswer(probe); // 404 included: the guided flow may be off
        },
      ),
      propertyRuns(250),
    );
  });

  test("guided actions: hostile forms, origins and methods never give a 5xx (404 when the guided flow is off)", async () => {
    const path = pathSegment(fc.constantFrom(...GUIDED_ACTIONS)).map((action) => `/guided/actions/${action}`);
    const form = () => ({ presenter: "1", from: "5" });
    await fc.assert(
      fc.asyncProperty(
        dashboardProbe(path, {
          names: ["presenter", "from"],
          base: form,
          cookies: () => [session.guided_cookie],
          methods: fc.oneof({ weight: 4, arbitrary: fc.constant("POST") }, { weight: 1, arbitrary: httpMethod }),
        }),
        async (probe) => {
          await expectDashboardAnswer(probe);
        },
      ),
      propertyRuns(150),
    );
  });

  // Last: a generated sign-out with the live CSRF token ends the session the tests above use.
  test("next-auth /api/auth/*: hostile queries, bodies (JSON, urlencoded, multipart), cookies and methods never give a 5xx", async () => {
    const path = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...NEXTAUTH_ACTIONS).map((action) => `/api/auth/${action}`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom("signin", "callback", "signout", ""), pathSegment(fc.constant("labmail")))
          .map(([a, p]) => `/api/auth/${a}/${p}`),
      },
    );
    const parameters = () => ({
      csrfToken: session.csrf_token,
      callbackUrl: "/inbox",
      code: "x",
      state: session.pending.state,
      iss: issuer,
    });
    const cookies = () => [session.csrf_cookie, ...session.pending.cookies];
    await fc.assert(
      fc.asyncProperty(dashboardProbe(path, { names: NEXTAUTH_PARAMETERS, base: parameters, cookies }), async (probe) => {
        await expectDashboardAnswer(probe);
      }),
      propertyRuns(400),
    );
  });

  // The two requests of issue 12, sent as they were reported: both answered 500.
  test("issue 12: POST /api/auth/callback/labmail with a body that is not JSON under application/json gives a 400", async () => {
    const probe = {
      method: "POST",
      url: `${dashboard}/api/auth/callback/labmail`,
      headers: { "content-type": "application/json", cookie: session.csrf_cookie },
      body: "code=x&state=y",
    };
    const answer = await expectDashboardAnswer(probe);
    expect(answer.status, describeProbe(probe)).toBe(400);
  });

  test("issue 12: GET /guided/%ED%A0%80 (a percent-encoded lone surrogate) gives a 400", async () => {
    const probe = { method: "GET", url: `${dashboard}/guided/%ED%A0%80` };
    const answer = await expectDashboardAnswer(probe);
    expect(answer.status, describeProbe(probe)).toBe(400);
  });
});

test("next-auth's unauthenticated POST /api/auth/_log takes only its client's own reports: another level or code, or a large body, is a 400 that writes nothing", async () => {
  const logFile = path.join(stackLogDir(lab), "dashboard.log");
  const report = (fields: Record<string, string>) =>
    fetch(`${dashboard}/api/auth/_log`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  const forged = `forged${randomBytes(8).toString("hex")}`;
  const refused = [
    { level: "bogus", code: "CLIENT_FETCH_ERROR", error: forged }, // next-auth threw on it, and logged that
    { level: "error", code: `<b>${forged}</b>`, error: forged },
    { level: "error", code: "CLIENT_FETCH_ERROR", error: `${forged} ${"x".repeat(20_000)}` },
  ];
  for (const fields of refused) {
    const answer = await report(fields);
    expect(answer.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
    expect(await answer.json()).toMatchObject({ error: "invalid_request" });
  }
  // What next-auth/react really sends is still taken, and logged as a next-auth error with its code.
  const genuine = `CLIENT_FETCH_ERROR_${randomBytes(4).toString("hex").toUpperCase()}`;
  expect((await report({ level: "error", code: genuine, message: "fetch failed", client: "true" })).status).toBe(200);
  await expect.poll(() => readFileSync(logFile, "utf8").includes(genuine), { timeout: 8_000 }).toBe(true);
  expect(readFileSync(logFile, "utf8")).not.toContain(forged);
});
