// The dashboard with its state store (Redis) out of reach: the guided flow's and the attack lab's pages,
// form posts and callbacks answer the 503 page ("MailDash is temporarily unavailable", Retry-After: 5),
// the JSON routes an RFC 6749 `temporarily_unavailable` body; within a few seconds (store.ts bounds the
// wait), never Next's generic 500, never a stack, never a hang. One dashboard instance beside the test
// stack, whose REDIS_URL names a server that accepts connections and never answers (a hung Redis, or a
// network that swallows the replies); no real Redis is needed.
import { chromium, expect, test } from "@playwright/test";
import { START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { freePort, startInstance, waitForReady } from "../support/instances.ts";
import { dashboardInstanceEnv, guidedClient } from "../support/lab.ts";
import { silentServer } from "../support/silent-server.ts";

test.describe.configure({ mode: "serial", timeout: 240_000 });

/** The store waits 2 s at most (REDIS_TIMEOUTS); what a request may take in all, with room for a busy machine. */
const ANSWER_WITHIN_MS = 6_000;

type Lab = { url: string; instance: ReturnType<typeof startInstance>; redis: { port: number; close: () => Promise<void> } };
let lab: Lab | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const redis = await silentServer();
  const port = await freePort();
  const instance = startInstance(
    START_SCRIPTS.dashboard,
    dashboardInstanceEnv(port, {
      TEACHING_MODE: "1",
      ATTACK_LAB: "1",
      GUIDED_CLIENT_ID: guidedClient.client_id,
      GUIDED_CLIENT_SECRET: guidedClient.client_secret,
      NAIVE_CLIENT_SECRETS: process.env.NAIVE_CLIENT_SECRETS ?? "{}",
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
    }),
  );
  lab = { url: `http://127.0.0.1:${port}`, instance, redis };
  await waitForReady(`${lab.url}/api/health/ready`, instance);
});

test.afterAll(async () => {
  await lab?.instance.stop();
  await lab?.redis.close();
});

function running(): Lab {
  if (!lab) throw new Error("the dashboard instance did not start");
  return lab;
}

/** One request, timed; a hang fails it (at twice the bound, so that the failure says how long it waited). */
async function timed(url: string, init: RequestInit = {}): Promise<Response> {
  const started = Date.now();
  const response = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(2 * ANSWER_WITHIN_MS) }).catch(
    (error: unknown) => {
      throw new Error(`${init.method ?? "GET"} ${url}: no answer within ${Date.now() - started} ms (${(error as Error).message})`);
    },
  );
  expect(Date.now() - started, `${init.method ?? "GET"} ${url}: answered within ${ANSWER_WITHIN_MS} ms`).toBeLessThan(ANSWER_WITHIN_MS);
  return response;
}

const NO_INSIDES = /at \S+ \(|node_modules|ECONN|redis|StateStore|stack|digest/i;

/** The 503 page, to retry in 5 s; returns where its "Try again" leads. */
async function expectUnavailablePage(response: Response, what: string): Promise<string | undefined> {
  const html = await response.text();
  expect(response.status, `${what}: ${html.slice(0, 300)}`).toBe(503);
  expect(response.headers.get("retry-after"), what).toBe("5");
  expect(response.headers.get("content-type"), what).toMatch(/^text\/html/);
  expect(response.headers.get("cache-control"), what).toContain("no-store");
  expect(html, what).toContain("MailDash is temporarily unavailable");
  expect(html, what).toContain("try again in a moment");
  expect(html, what).not.toMatch(NO_INSIDES);
  return /<a class="button" href="([^"]*)"/.exec(html)?.[1];
}

async function expectUnavailableJson(response: Response, what: string): Promise<void> {
  const text = await response.text();
  expect(response.status, `${what}: ${text.slice(0, 300)}`).toBe(503);
  expect(response.headers.get("retry-after"), what).toBe("5");
  expect(response.headers.get("content-type"), what).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control"), what).toContain("no-store");
  const body = JSON.parse(text) as { error?: string; error_description?: string };
  expect(body.error, what).toBe("temporarily_unavailable");
  expect(body.error_description, what).toBeTruthy();
  expect(text, what).not.toMatch(NO_INSIDES);
}

/** A page (a server component) sends the browser to /unavailable, the 503 page whose "Try again" comes back to it. */
async function expectSentToUnavailable(url: string, headers: Record<string, string>, here: string): Promise<void> {
  const response = await timed(url, { headers });
  expect(response.status, `GET ${here}`).toBe(307);
  const unavailable = new URL(response.headers.get("location") ?? "", url);
  expect(unavailable.pathname).toBe("/unavailable");
  expect(await expectUnavailablePage(await timed(unavailable.href), `GET ${here}`)).toBe(here);
}

test("Redis out of reach: the guided flow's and the attack lab's pages, posts and JSON routes answer 503 within seconds", async () => {
  const { url, instance } = running();
  // A browser in the middle of a guided flow and of attack runs: each request must read the store.
  const guided = { cookie: "guided_flow=flow-in-progress" };
  const attacks = { cookie: "attack_runs=runs-in-progress" };

  // Without a cookie nothing is read: the guided flow's start page still renders.
  expect((await timed(`${url}/guided`)).status).toBe(200);

  // The pages.
  await expectSentToUnavailable(`${url}/guided`, guided, "/guided");
  await expectSentToUnavailable(`${url}/guided/2?presenter=1`, guided, "/guided/2?presenter=1");
  await expectSentToUnavailable(`${url}/attacks`, attacks, "/attacks");
  await expectSentToUnavailable(`${url}/attacks/1`, attacks, "/attacks/1");

  // The form posts and the guided flow's redirect URI: the page itself, no redirect anywhere.
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const start = await timed(`${url}/guided/actions/start`, { method: "POST", headers: form, body: "" });
  expect(await expectUnavailablePage(start, "POST /guided/actions/start")).toBe("/guided");
  expect(start.headers.getSetCookie(), "no flow cookie for a flow that was never saved").toEqual([]);
  const act = await timed(`${url}/guided/actions/call-mail-api`, { method: "POST", headers: { ...form, ...guided }, body: "" });
  expect(await expectUnavailablePage(act, "POST /guided/actions/call-mail-api")).toBe("/guided");
  const reset = await timed(`${url}/attacks/1/actions/reset`, { method: "POST", headers: { ...form, ...attacks }, body: "" });
  expect(await expectUnavailablePage(reset, "POST /attacks/1/actions/reset")).toBe("/attacks/1");
  const callback = await timed(`${url}/guided/callback?code=c&state=s`, { headers: guided });
  expect(await expectUnavailablePage(callback, "GET /guided/callback"), "Try again reloads the callback").toBe("");

  // The JSON routes.
  await expectUnavailableJson(await timed(`${url}/guided/transcript.json`, { headers: guided }), "GET /guided/transcript.json");
  await expectUnavailableJson(await timed(`${url}/attacks/1/transcript.json`, { headers: attacks }), "GET /attacks/1/transcript.json");
  await expectUnavailableJson(await timed(`${url}/attacks/attacker-keys/some-key`), "GET /attacks/attacker-keys/…");
  await expectUnavailableJson(
    await timed(`${url}/attacks/evil-as/token`, { method: "POST", headers: form, body: "grant_type=authorization_code&code=c" }),
    "POST /attacks/evil-as/token",
  );
  await expectUnavailableJson(await timed(`${url}/attacks/naive/no-pkce/callback?code=c&state=s`), "GET a naive twin's callback");

  // What the student sees, on a 1280×720 projector.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addCookies([{ name: "guided_flow", value: "flow-in-progress", url }]);
    const tab = await context.newPage();
    const answer = await tab.goto(`${url}/guided/3`);
    expect(answer?.status()).toBe(503);
    await expect(tab.getByRole("heading", { name: "MailDash is temporarily unavailable" })).toBeVisible();
    await expect(tab.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/guided/3");
    await tab.screenshot({ path: test.info().outputPath("dashboard-state-outage.png") });
  } finally {
    await browser.close();
  }

  // Logged as what it is, a warning with the request's id; nothing crashed, nothing logged as an error.
  const output = instance.output();
  expect(output).toContain("state store unavailable");
  expect(output).not.toContain('"level":"error"');
  expect(output).not.toContain("uncaughtException");
});
