// The AS's HTML side during a database outage (issue 11): /authorize, the sign-in page and its form
// posts answer a plain 503 page ("LabMail is temporarily unavailable", Retry-After: 5), never Next's
// generic 500, never a stack, never a redirect to the client (lib/http.ts unavailablePage says why).
// One AS instance on the test stack's database through a relay the test cuts (support/instances.ts);
// the real PostgreSQL is left alone. Once the relay is restored, the same sign-in goes on.
import { chromium, expect, test } from "@playwright/test";
import { START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { databaseRelay, freePort, startInstance, waitForReady } from "../support/instances.ts";
import { alice, authDatabaseUrl, authorizationRequest, client, locationOf, mailApi, ScriptedUserAgent } from "../support/lab.ts";

test.describe.configure({ mode: "serial", timeout: 240_000 });

type Lab = { url: string; relay: Awaited<ReturnType<typeof databaseRelay>>; instance: ReturnType<typeof startInstance> };
let lab: Lab | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const port = await freePort();
  const relay = await databaseRelay(authDatabaseUrl);
  // The issuer is the address the test calls: the AS's own redirects (to /interaction/…) stay on it.
  const url = `http://localhost:${port}`;
  const instance = startInstance(START_SCRIPTS.as, {
    HOST: "127.0.0.1",
    PORT: String(port),
    ISSUER: url,
    AUTH_DATABASE_URL: relay.url,
    MAIL_API_AUDIENCE: mailApi,
    TEACHING_MODE: "1",
    ATTACK_LAB: "1",
  });
  lab = { url, relay, instance };
  await waitForReady(`${url}/health/ready`, instance);
});

test.afterAll(async () => {
  await lab?.instance.stop();
  await lab?.relay.close();
});

function running(): Lab {
  if (!lab) throw new Error("the AS instance did not start");
  return lab;
}

/** What every outage answer must be: the 503 page, to retry in 5 s, with nothing of the server's insides. */
async function expectUnavailablePage(response: Response, what: string): Promise<string> {
  const html = await response.text();
  expect(response.status, `${what}: ${html.slice(0, 300)}`).toBe(503);
  expect(response.headers.get("retry-after"), what).toBe("5");
  expect(response.headers.get("content-type"), what).toMatch(/^text\/html/);
  expect(response.headers.get("cache-control"), what).toContain("no-store");
  expect(response.headers.get("location"), what).toBeNull();
  expect(html, what).toContain("LabMail is temporarily unavailable");
  expect(html, what).toContain("try again in a moment");
  expect(html, what).not.toMatch(/at \S+ \(|node_modules|Prisma|ECONN|stack/i);
  return html;
}

test("while the database is cut: /authorize, the sign-in page and the login form answer the 503 page; after it, the sign-in goes on", async () => {
  const { url, relay, instance } = running();
  const browser = new ScriptedUserAgent();
  const request = authorizationRequest();
  // A sign-in started before the outage: its interaction page is there.
  const interaction = locationOf(await browser.get(`${url}/authorize?${new URLSearchParams(request.query)}`));
  expect(interaction.pathname).toMatch(/^\/interaction\//);
  const page = await (await browser.get(interaction)).text();
  const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  expect(csrf_token).not.toBe("");

  relay.cut();
  try {
    // The authorization endpoint: the page, not a redirect to the client's redirect_uri.
    const authorize = await fetch(`${url}/authorize?${new URLSearchParams(authorizationRequest().query)}`, { redirect: "manual" });
    await expectUnavailablePage(authorize, "GET /authorize");

    // The sign-in page (a server component: it cannot choose its status, so it sends the browser to /unavailable).
    const shown = await browser.get(interaction);
    expect(shown.status).toBe(307);
    const unavailable = new URL(shown.headers.get("location") ?? "", url);
    expect(unavailable.pathname).toBe("/unavailable");
    const html = await expectUnavailablePage(await browser.get(unavailable), "the sign-in page");
    // "Try again" leads back to the sign-in page.
    expect(html).toContain(`href="${interaction.pathname}"`);

    // The login form's post.
    const login = await browser.post(`${interaction.href}/login`, { csrf_token, username: alice.username, password: alice.password });
    await expectUnavailablePage(login, "POST /interaction/…/login");

    // What the student sees, on a 1280×720 projector.
    const chromiumBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    try {
      const tab = await chromiumBrowser.newPage({ viewport: { width: 1280, height: 720 } });
      const answer = await tab.goto(`${url}/authorize?${new URLSearchParams(authorizationRequest().query)}`);
      expect(answer?.status()).toBe(503);
      await expect(tab.getByRole("heading", { name: "LabMail is temporarily unavailable" })).toBeVisible();
      await expect(tab.getByRole("link", { name: "Try again" })).toBeVisible();
      await tab.screenshot({ path: test.info().outputPath("as-outage-page.png") });
    } finally {
      await chromiumBrowser.close();
    }
  } finally {
    relay.restore();
  }

  // The database is back: the same sign-in goes on, through to the client's redirect_uri with a code.
  await expect.poll(async () => (await fetch(`${url}/health/ready`)).status, { timeout: 30_000 }).toBe(200);
  const again = await browser.get(interaction);
  expect(again.status).toBe(200);
  const retried = await browser.post(`${interaction.href}/login`, { csrf_token, username: alice.username, password: alice.password });
  expect(retried.status).toBe(303);
  let next = locationOf(retried);
  if (next.href.startsWith(`${interaction.href}`)) {
    const consentPage = await (await browser.get(next)).text();
    if (consentPage.includes('name="decision"')) {
      next = locationOf(await browser.post(`${interaction.href}/consent`, { csrf_token, decision: "allow" }));
    }
  }
  expect(next.href.startsWith(client.redirect_uri), next.href).toBe(true);
  expect(next.searchParams.get("code")).toBeTruthy();
  expect(instance.output()).not.toContain('"level":"error"');
});

test("the 503 page's Try again stays on LabMail: a retry that a browser would read as another host is dropped", async () => {
  const { issuer } = await import("../support/lab.ts");
  const tryAgain = async (retry: string) => {
    const response = await fetch(`${issuer}/unavailable?${new URLSearchParams({ retry })}`);
    expect(response.status).toBe(503);
    return /<a class="button" href="([^"]*)"/.exec(await response.text())?.[1];
  };
  expect(await tryAgain("/interaction/abc?x=1")).toBe("/interaction/abc?x=1");
  // Tabs and newlines are removed by URL parsers and a backslash reads as "/": each of these is //evil.example.
  for (const hostile of [
    "//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example",
    " /x",
  ]) {
    expect(await tryAgain(hostile), JSON.stringify(hostile)).toBe("");
  }
});
