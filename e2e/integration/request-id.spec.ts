// One request id across the three apps (issue 11): the dashboard gives each incoming request an id (a
// valid incoming X-Request-Id is kept) and sends it with every call it makes for that request; the AS
// and the mail API log it. Driven over real HTTP with chosen ids, read back from the JSON log lines each
// app wrote (the stack copies every app's output to stackLogDir, scripts/lib/stack.ts).
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { stackLogDir } from "../../scripts/lib/stack.ts";
import { cookieFrom } from "../support/hostile-input.ts";
import { issuer, lab, mailApi, ScriptedUserAgent, setCookies } from "../support/lab.ts";

const dashboard = lab.dashboardUrl;
const logDir = stackLogDir(lab);

type LogLine = { service?: string; request_id?: string; path?: string; msg?: string; level?: string };

/** Every JSON line an app has written so far (its other output, Next's banner say, is skipped). */
function logLines(app: "as" | "mail" | "dashboard"): LogLine[] {
  return readFileSync(path.join(logDir, `${app}.log`), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

function rawLogs(): string {
  return (["as", "mail", "dashboard"] as const).map((app) => readFileSync(path.join(logDir, `${app}.log`), "utf8")).join("\n");
}

/** The apps write their logs out at least every second (packages/log): wait for the lines to be there. */
async function linesWith(app: "as" | "mail" | "dashboard", requestId: string, expected: (lines: LogLine[]) => boolean): Promise<LogLine[]> {
  let lines: LogLine[] = [];
  await expect
    .poll(
      () => {
        lines = logLines(app).filter((line) => line.request_id === requestId);
        return expected(lines);
      },
      { timeout: 8_000, message: `${app}: log lines with request_id ${requestId}` },
    )
    .toBe(true);
  return lines;
}

test("one id follows a sign-in (dashboard → AS token endpoint) and an inbox page (dashboard → mail API → AS introspection) through the logs", async () => {
  // next-auth's CSRF token, then the sign-in button's POST: the redirect to the AS.
  const csrf = await fetch(`${dashboard}/api/auth/csrf`);
  const csrfToken = ((await csrf.json()) as { csrfToken: string }).csrfToken;
  const csrfCookie = `next-auth.csrf-token=${cookieFrom(csrf, "next-auth.csrf-token")}`;
  const signIn = await fetch(`${dashboard}/api/auth/signin/labmail`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/inbox" }),
  });
  const authorize = new URL(signIn.headers.get("location") ?? "", dashboard);
  expect(authorize.origin).toBe(new URL(issuer).origin);
  const callback = await new ScriptedUserAgent().authorize(Object.fromEntries(authorize.searchParams));
  const code = callback.searchParams.get("code") ?? "";
  expect(code).not.toBe("");

  // The callback, with our id: the dashboard exchanges the code at the AS's token endpoint.
  const signInId = `sign-in-${randomUUID()}`;
  const signedIn = await fetch(callback, {
    redirect: "manual",
    headers: { cookie: [csrfCookie, ...setCookies(signIn)].join("; "), "x-request-id": signInId },
  });
  expect(signedIn.status, signedIn.headers.get("location") ?? "").toBe(302);
  expect(signedIn.headers.get("x-request-id")).toBe(signInId);
  const session = setCookies(signedIn).filter((pair) => pair.startsWith("next-auth.session-token"));
  expect(session.length).toBeGreaterThan(0);

  // The inbox, with another id: the dashboard calls the mail API, which introspects the new token at the AS.
  const inboxId = `inbox.${randomBytes(12).toString("hex")}`;
  const inbox = await fetch(`${dashboard}/inbox`, { headers: { cookie: session.join("; "), "x-request-id": inboxId } });
  expect(inbox.status).toBe(200);
  expect(inbox.headers.get("x-request-id")).toBe(inboxId);
  expect(await inbox.text()).not.toContain("could not reach");

  const dashboardSignIn = await linesWith("dashboard", signInId, (lines) => lines.some((l) => l.path === "/api/auth/callback/labmail"));
  expect(dashboardSignIn.every((line) => line.service === "dashboard")).toBe(true);
  await linesWith("as", signInId, (lines) => lines.some((l) => l.path === "/token"));
  await linesWith("dashboard", inboxId, (lines) => lines.some((l) => l.path === "/inbox"));
  await linesWith("mail", inboxId, (lines) => lines.some((l) => l.path === "/v1/messages"));
  await linesWith("as", inboxId, (lines) => lines.some((l) => l.path === "/introspect"));

  // Never a secret: the code, the state and the session cookie are in no log line.
  const logs = rawLogs();
  expect(logs).not.toContain(code);
  expect(logs).not.toContain(callback.searchParams.get("state") ?? "<none>");
  for (const pair of session) expect(logs).not.toContain(pair.split("=").slice(1).join("="));
});

test("an id that is not an id (300 characters, markup and spaces) is replaced by a fresh one, never logged as given", async () => {
  const tooLong = `a${"b".repeat(299)}`;
  const markup = `<script>alert(1)</script> ${randomUUID()}`;
  for (const given of [tooLong, markup]) {
    for (const url of [`${dashboard}/api/health/live`, `${issuer}/.well-known/openid-configuration`, `${mailApi}/health`]) {
      const response = await fetch(url, { headers: { "x-request-id": given } });
      expect(response.status, url).toBe(200);
      const assigned = response.headers.get("x-request-id") ?? "";
      expect(assigned, url).not.toBe(given);
      expect(assigned, url).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
      const app = url.startsWith(dashboard) ? "dashboard" : url.startsWith(issuer) ? "as" : "mail";
      await linesWith(app, assigned, (lines) => lines.length > 0);
    }
  }
  const logs = rawLogs();
  expect(logs).not.toContain(tooLong);
  expect(logs).not.toContain("<script>");
});

test("the AS's teaching endpoints (GET /trace, GET /trace/rows) carry the id back and write their access line too", async () => {
  for (const endpoint of ["/trace", "/trace/rows"]) {
    const requestId = `trace-${randomUUID()}`;
    // No capability: the same 404 as with teaching mode off, and still one access line.
    const response = await fetch(`${issuer}${endpoint}`, { headers: { "x-request-id": requestId } });
    expect(response.status, endpoint).toBe(404);
    expect(response.headers.get("x-request-id"), endpoint).toBe(requestId);
    const lines = await linesWith("as", requestId, (found) => found.some((l) => l.path === endpoint));
    expect(lines.find((l) => l.path === endpoint)).toMatchObject({ service: "authorization-server", msg: "request" });
  }
});

test("everything the three services printed is a JSON line: their own logs, and Next.js's banner and Prisma's progress wrapped by the start scripts", async () => {
  for (const app of ["as", "mail", "dashboard"] as const) {
    const lines = readFileSync(path.join(logDir, `${app}.log`), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    expect(lines.length, app).toBeGreaterThan(0);
    for (const line of lines) {
      let parsed: LogLine | undefined;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        parsed = undefined;
      }
      expect(parsed, `${app}: not a JSON line: ${line}`).toMatchObject({ service: expect.any(String), level: expect.any(String) });
    }
  }
  // The wrapped lines say who printed them; the banner is there, as JSON.
  expect(logLines("as").some((line) => (line as { source?: string }).source === "next" && /Next\.js/.test(line.msg ?? ""))).toBe(true);
  expect(logLines("as").some((line) => (line as { source?: string }).source === "prisma")).toBe(true);
});
