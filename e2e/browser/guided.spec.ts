// The guided flow: every step of the authorization code flow, paused and shown, on the real servers.
// Each step page is looked at twice, as a student (normal) and on the projector (presenter mode at
// 1280×720: the key artifact and its verdict on screen without scrolling), with axe on both.
import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { logIn } from "../support/dashboard.ts";
import { parameterValue, sequenceDiagram, startAutoMode, startGuidedFlow } from "../support/guided.ts";
import { alice, bob, forgetConsent, guidedClient, issuer, lab } from "../support/lab.ts";

const TRACE_PLACEHOLDER = "(this flow's private trace capability, hidden)";
/** A real capability: 43 base64url characters after the header name, in any quoting. */
const REAL_CAPABILITY = new RegExp(`${TRACE_CAPABILITY_HEADER}["':\\s]+[A-Za-z0-9_-]{43}`);
const dashboardSecret = () => process.env.DASHBOARD_CLIENT_SECRET ?? "no dashboard secret set";

const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
/** The "What LabMail stored" panel of a guided step, and one of its stored tables. */
const storedRows = (page: Page) => page.getByRole("region", { name: "What LabMail stored" });
const storedTable = (page: Page, table: string) => storedRows(page).getByRole("table", { name: `Stored rows: ${table}` });

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** What the projector must show without scrolling on a step page (each locator fully in the viewport). */
type Artifacts = (page: Page) => Locator[];

/**
 * Looks at the current guided page as a student (axe, screenshot), then the same page in presenter
 * mode: its key artifact and verdict inside the 1280×720 viewport, axe again; then back.
 */
async function lookAtStep(page: Page, name: string, outputPath: (name: string) => string, artifacts: Artifacts) {
  const url = new URL(page.url());
  expect(url.pathname).toMatch(/^\/guided\//);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: outputPath(`guided-${name}.png`), fullPage: true });
  await page.goto(`${url.origin}${url.pathname}?presenter=1`);
  for (const artifact of artifacts(page)) await expect(artifact).toBeInViewport({ ratio: 1 });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: outputPath(`guided-${name}-presenter.png`) });
  await page.goto(url.href);
}

test("walk the six steps, refresh and revoke as alice: artifacts, servers' checks, presenter mode and axe on every page", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const shot = (name: string) => testInfo.outputPath(name);
  // Every answer of the dashboard during the walk, to prove no secret or capability is ever in one.
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (!response.url().startsWith(lab.dashboardUrl)) return;
    const body = await response.text().catch(() => "");
    bodies.push(`${response.url()}\n${JSON.stringify(response.headers())}\n${body}`);
  });

  await page.goto(lab.dashboardUrl);
  await expectNoAxeViolations(page); // the scope chips among them
  await page.getByRole("link", { name: "Guided flow (step by step)" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided`);
  await expectNoAxeViolations(page);
  await page.goto(`${lab.dashboardUrl}/guided?presenter=1`);
  await expectNoAxeViolations(page);
  await startGuidedFlow(page);

  // Step 1: state, nonce and the PKCE pair, prepared on the server.
  const verifier = (await parameterValue(page, "code_verifier").textContent()) ?? "";
  expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  await expect(parameterValue(page, "code_challenge")).toHaveText(challenge);
  const state = (await parameterValue(page, "state").textContent()) ?? "";
  expect(state.length).toBeGreaterThanOrEqual(32);
  await lookAtStep(page, "1", shot, (p) => [p.getByRole("region", { name: "Prepared by MailDash (nothing sent yet)" })]);

  // A page ahead of the flow says what is missing and offers to do it; it is no dead end.
  await page.goto(`${lab.dashboardUrl}/guided/5`);
  const missing = page.getByRole("status").filter({ hasText: "LabMail has not answered yet: sign in there first (step 2)." });
  await expect(missing.getByRole("link", { name: "Sign in at LabMail" })).toHaveAttribute("href", new RegExp(`^${issuer}/authorize\\?`));
  await lookAtStep(page, "not-yet", shot, (p) => [p.getByRole("link", { name: "Sign in at LabMail", exact: true })]);

  // Step 2: the authorization URL with every parameter, for the guided flow's own client.
  await page.goto(`${lab.dashboardUrl}/guided/1`);
  await page.getByRole("link", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/2`);
  const go = page.getByRole("link", { name: "Go to LabMail to sign in" });
  const authorizationUrl = new URL((await go.getAttribute("href")) ?? "");
  expect(authorizationUrl.origin).toBe(issuer);
  expect(authorizationUrl.searchParams.get("client_id")).toBe("maildash-guided");
  expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorizationUrl.searchParams.get("code_challenge")).toBe(challenge);
  expect(authorizationUrl.searchParams.get("state")).toBe(state);
  expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(`${lab.dashboardUrl}/guided/callback`);
  await expect(page.getByRole("rowheader", { name: "code_challenge_method" })).toBeVisible();
  // Not signed in yet: the footer's primary control signs in instead of skipping to an empty step 3.
  const footer = page.getByRole("navigation", { name: "Previous and next step" });
  await expect(footer.getByRole("link", { name: "Next", exact: true })).toHaveCount(0);
  await expect(footer.getByRole("link", { name: "Next: sign in at LabMail" })).toHaveAttribute("href", authorizationUrl.href);
  await lookAtStep(page, "2", shot, (p) => [p.getByLabel("Authorization URL"), p.getByRole("link", { name: "Go to LabMail to sign in" })]);

  // At LabMail: log in and consent (both pages checked with axe).
  await go.click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await expectNoAxeViolations(page);
  await logIn(page, alice);
  await expect(page.getByRole("button", { name: "Allow" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Allow" }).click();

  // Step 3: the code, and MailDash's state and iss checks.
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/3`);
  await expect(parameterValue(page, "code")).toHaveText(/\S{20,}/);
  await expect(parameterValue(page, "state")).toHaveText(state);
  await expect(parameterValue(page, "iss")).toHaveText(issuer);
  const clientChecks = page.getByRole("list", { name: "MailDash's checks of the authorization response" });
  await expect(clientChecks.getByRole("listitem").filter({ hasText: "state is the one" })).toContainText("✓");
  await expect(clientChecks.getByRole("listitem").filter({ hasText: "iss is LabMail's issuer" })).toContainText("✓");
  // What LabMail stored: the interaction, and the code only as its hash, not spent yet.
  const code = (await parameterValue(page, "code").textContent()) ?? "";
  const codeRow = storedTable(page, "authorization_codes")
    .getByRole("row")
    .filter({ hasText: sha256(code) });
  await expect(codeRow).toContainText("not exchanged yet");
  await expect(storedRows(page)).not.toContainText(code);
  await expect(storedTable(page, "interactions")).toContainText(state);
  await expect(storedTable(page, "grants")).toContainText("offline_access");
  await expect(storedRows(page).getByRole("link", { name: "RFC 6749 §10.5" }).first()).toBeVisible();
  await lookAtStep(page, "3", shot, (p) => [p.getByRole("region", { name: "What arrived at the redirect URI, and MailDash's checks" })]);

  // Auto mode: every 2 s it goes on by itself (step 3 → 4); Stop before it presses step 4's button.
  await startAutoMode(page, "2");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/4`, { timeout: 8_000 });
  await page.getByRole("button", { name: "Stop auto" }).click();
  await expect(page.getByRole("button", { name: "Start auto" })).toBeVisible();
  await page.locator("footer").screenshot({ path: shot("guided-auto.png") });

  // Step 4, before sending: what the request will carry, in words; the footer sends it, it does not skip it.
  const planned = page.getByRole("list", { name: "What the token request will carry" });
  await expect(planned).toContainText("authorization_code");
  await expect(planned).toContainText(verifier);
  await expect(planned).toContainText("BASE64(maildash-guided:client_secret)");
  await expect(page.getByLabel("POST to the token endpoint: request")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Next: send the token request" })).toBeVisible();
  await lookAtStep(page, "4-before", shot, (p) => [
    p.getByRole("list", { name: "What the token request will carry" }),
    p.getByRole("button", { name: "Send the token request", exact: true }),
  ]);
  await page.getByRole("button", { name: "Send the token request", exact: true }).click();

  // Step 4, sent: the exact request oauth4webapi made, the secret masked, the trace capability hidden.
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/4`);
  const request = page.getByLabel("POST to the token endpoint: request");
  await expect(request).toContainText(/authorization: Basic [A-Za-z0-9+/=]*…••••••••/);
  await expect(request).toContainText("grant_type=authorization_code");
  await expect(request).toContainText(/user-agent: oauth4webapi\/v?\d/);
  await expect(request).toContainText(`${TRACE_CAPABILITY_HEADER}: ${TRACE_PLACEHOLDER}`);
  await expect(request).not.toContainText(guidedClient.client_secret);
  await expect(page.getByText("LabMail answered 200: the tokens are in step 5.")).toBeVisible();
  // The code's row is spent now, in the same transaction that issued the tokens.
  await expect(
    storedTable(page, "authorization_codes")
      .getByRole("row")
      .filter({ hasText: sha256(code) }),
  ).toContainText("yes, spent");
  // "Reveal" shows the guided client's own secret (safe to project), never the dashboard's.
  await page.getByText("Reveal the Authorization header (contains the guided client's secret)").click();
  const revealed = page
    .locator("details")
    .filter({ hasText: "Reveal the Authorization header" })
    .getByText(/^authorization: Basic /);
  await expect(revealed).toBeVisible();
  // RFC 6749 §2.3.1: Basic over the form-encoded id and secret (oauth4webapi encodes "-" as %2D, too).
  const credentials = Buffer.from(((await revealed.textContent()) ?? "").replace(/^authorization: Basic /, ""), "base64").toString("utf8");
  expect(credentials.split(":").map(decodeURIComponent)).toEqual([guidedClient.client_id, guidedClient.client_secret]);
  expect((await page.content()).includes(dashboardSecret())).toBe(false);
  expect(REAL_CAPABILITY.test(await page.content())).toBe(false);
  await lookAtStep(page, "4", shot, (p) => [
    p.getByLabel("POST to the token endpoint: request"),
    p.getByText("LabMail answered 200: the tokens are in step 5."),
  ]);

  // Step 5: the tokens at a glance, decoded with every claim explained, verified; LabMail's checks.
  await page.getByRole("link", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/5`);
  const glance = page.getByRole("table", { name: "The tokens received" });
  await expect(glance.getByRole("row", { name: /^access_token/ })).toContainText("✓ signature verified");
  await expect(glance.getByRole("row", { name: /^id_token/ })).toContainText("✓ signature verified");
  await expect(glance.getByRole("row", { name: /^access_token/ })).toContainText(/\(in (\d+ min|\d+ s)\)/);
  const payload = page.getByRole("table", { name: "access_token payload" });
  for (const claim of ["iss", "aud", "scope", "exp", "iat", "jti"])
    await expect(payload.getByRole("rowheader", { name: claim, exact: true })).toBeVisible();
  await expect(payload.getByRole("row", { name: /^exp / })).toContainText(/\(in \d+ (min|s)\)/);
  await expect(payload.getByRole("row", { name: /^iat / })).toContainText(/\((\d+ (min|s) ago|now)\)/);
  // Every claim shown, of both tokens, has its one-line meaning.
  for (const table of [payload, page.getByRole("table", { name: "id_token payload" })]) {
    const rows = table.getByRole("row");
    expect(await rows.count()).toBeGreaterThan(5);
    for (const row of await rows.all()) {
      const cells = row.getByRole("cell");
      if ((await cells.count()) === 0) continue; // the (hidden) column header row
      expect(((await cells.nth(1).textContent()) ?? "").length).toBeGreaterThan(20);
    }
  }
  await expect(page.getByRole("table", { name: "id_token payload" }).getByRole("row", { name: /^auth_time / })).toContainText(/ago|now/);
  await expect(page.getByRole("table", { name: "access_token header" })).toContainText("at+jwt");
  await expect(page.getByText(/Signature verified against LabMail's JWKS/).first()).toBeVisible();
  await expect(page.getByText(/Signature NOT verified/)).toHaveCount(0);
  const tokenChecks = page.getByRole("list", { name: "MailDash's checks of the token response" });
  await expect(tokenChecks.getByRole("listitem").filter({ hasText: "ID token: alg" })).toContainText("✓");
  await expect(tokenChecks.getByRole("listitem").filter({ hasText: "nonce" })).toContainText("✓");
  await expect(tokenChecks.getByRole("listitem").filter({ hasText: "UserInfo" })).toContainText("✓");
  await expect(page.getByLabel("GET the userinfo endpoint: request")).toContainText("authorization: Bearer eyJ");
  await expect(page.getByLabel("GET the userinfo endpoint: response")).toContainText('"sub"');
  // The refresh token MailDash holds is stored at LabMail only as its SHA-256: the hash, never the token.
  const heldRefreshToken = (await parameterValue(page, "refresh_token").textContent()) ?? "";
  expect(heldRefreshToken.length).toBeGreaterThan(20);
  await expect(
    storedTable(page, "refresh_tokens")
      .getByRole("row")
      .filter({ hasText: sha256(heldRefreshToken) }),
  ).toContainText("current");
  await expect(storedRows(page)).not.toContainText(heldRefreshToken);
  await expect(storedTable(page, "access_tokens").getByRole("row")).toHaveCount(2);
  const serverChecks = page.getByRole("region", { name: "What the servers checked" });
  await expect(serverChecks.getByRole("listitem").filter({ hasText: "PKCE" }).first()).toContainText("✓");
  await page
    .getByRole("region", { name: "The JWTs, decoded: every claim and what it means" })
    .screenshot({ path: shot("guided-5-claims.png") });
  await lookAtStep(page, "5", shot, (p) => [
    p.getByRole("table", { name: "The tokens received" }),
    p.getByRole("list", { name: "MailDash's checks of the token response" }),
  ]);

  // The sequence diagram: one arrow per exchange so far; the POST /token arrow opens that exchange.
  const exchanges = sequenceDiagram(page);
  await expect(exchanges.getByRole("link", { name: /Browser to LabMail AS, GET \/authorize/ })).toBeVisible();
  await expect(exchanges.getByRole("link", { name: /step 4: MailDash server to LabMail AS, POST \/token → 200/ })).toBeVisible();
  await page.getByRole("region", { name: "Sequence diagram" }).screenshot({ path: shot("guided-diagram.png") });
  await exchanges.getByRole("link", { name: /POST \/token/ }).click();
  await expect(page).toHaveURL(/\/guided\/5\?exchange=\d+#exchange-\d+$/);
  const opened = page.getByRole("region", { name: /^Exchange \d+: POST \/token → 200$/ });
  await expect(opened.getByLabel(/^Exchange \d+: request$/)).toContainText("grant_type=authorization_code");
  await expect(opened.getByLabel(/^Exchange \d+: response$/)).toContainText('"refresh_token"');

  // The token lifecycle: both clocks tick, one refresh token so far.
  const lifecycle = page.getByRole("region", { name: "Token lifecycle" });
  const exp = lifecycle.getByRole("timer", { name: "Time until the access token's exp" });
  await expect(exp).toHaveText(/^\d+:\d\d$/);
  const first = await exp.textContent();
  await expect(exp).not.toHaveText(first ?? "", { timeout: 3_000 });
  await expect(lifecycle.getByRole("list", { name: "Refresh token rotation chain" }).getByRole("listitem")).toHaveCount(1);
  await lifecycle.screenshot({ path: shot("guided-lifecycle.png") });

  // Demo clock: the access token expires in MailDash's view only; the mail API still accepts it (step 6).
  await lifecycle.getByRole("button", { name: "Expire the access token now" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/5`);
  await expect(lifecycle.getByText("MailDash considers the access token expired: time to refresh.")).toBeVisible();
  await expect(lifecycle.getByRole("timer", { name: "Time until MailDash considers the access token expired" })).toHaveText("expired");
  await expect(lifecycle.getByRole("timer", { name: "Time the mail API still accepts the token" })).toHaveText(/^\d+:\d\d$/);
  await expect(lifecycle.getByRole("link", { name: "Go to the refresh step" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Step 6: the mail API with the Bearer token; the footer calls it rather than skipping it.
  await page.getByRole("link", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/6`);
  await expect(page.getByRole("button", { name: "Next: call the mail API" })).toBeVisible();
  await page.getByRole("button", { name: "Call the mail API", exact: true }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/6`);
  await expect(page.getByText("Status: 200")).toBeVisible();
  await expect(page.getByRole("list", { name: "Inbox (latest messages)" }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByLabel("GET /v1/messages: request")).toContainText("authorization: Bearer eyJ");
  // What the mail API keeps: no token table; the introspection answer it remembers, with its age; the JWKS.
  const kept = page.getByRole("region", { name: "What the mail API keeps" });
  await expect(kept).toContainText("The mail API has no token table");
  await expect(kept.getByRole("table", { name: "Stored rows: introspection cache" }).getByRole("row").nth(1)).toContainText(/\d+ s old/);
  await expect(kept.getByRole("table", { name: "Stored rows: JWKS" })).toContainText("ES256");
  // That was the token MailDash considers expired: the mail API checks only its exp.
  await expect(page.getByText("MailDash considers the access token expired: time to refresh.")).toBeVisible();
  await lookAtStep(page, "6", shot, (p) => [p.getByText("Status: 200"), p.getByRole("list", { name: "Inbox (latest messages)" })]);

  // Refresh: rotation, old and new side by side.
  await page.getByRole("link", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/refresh`);
  await expect(page.getByRole("button", { name: "Next: refresh now" })).toBeVisible();
  await page.getByRole("button", { name: "Refresh now", exact: true }).click();
  const oldToken = (await page.getByLabel("Old refresh token").textContent()) ?? "";
  const newToken = (await page.getByLabel("New refresh token").textContent()) ?? "";
  expect(oldToken.length).toBeGreaterThan(20);
  expect(newToken.length).toBeGreaterThan(20);
  expect(newToken).not.toBe(oldToken);
  expect(oldToken).toBe(heldRefreshToken);
  // LabMail's family: the old row rotated (used_at set), the new one current; hashes only.
  const family = storedTable(page, "refresh_tokens");
  await expect(family.getByRole("row").filter({ hasText: sha256(oldToken) })).toContainText("rotated (used_at set)");
  await expect(family.getByRole("row").filter({ hasText: sha256(newToken) })).toContainText("current");
  for (const token of [oldToken, newToken]) await expect(storedRows(page)).not.toContainText(token);
  // The rotation chain: the first refresh token spent, the new one current; the access token fresh again.
  const chain = page.getByRole("list", { name: "Refresh token rotation chain" }).getByRole("listitem");
  await expect(chain).toHaveCount(2);
  await expect(chain.nth(0)).toContainText("used, rotated");
  await expect(chain.nth(1)).toContainText("current");
  await expect(page.getByText("MailDash considers the access token expired: time to refresh.")).toHaveCount(0);
  await expect(page.getByRole("timer", { name: "Time until MailDash considers the access token expired" })).toHaveText(/^\d+:\d\d$/);
  await lookAtStep(page, "refresh", shot, (p) => [
    p.getByLabel("Old refresh token"),
    p.getByLabel("New refresh token"),
    p.getByText(/^✓ LabMail answered 200/),
  ]);

  // Transcript export: tokens yes; the dashboard's secret, the guided secret and the capability never.
  const download = await page.request.get(`${lab.dashboardUrl}/guided/transcript.json`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
  const transcript = await download.text();
  expect(transcript).not.toContain(dashboardSecret());
  expect(transcript).not.toContain(guidedClient.client_secret);
  expect(transcript).not.toMatch(REAL_CAPABILITY);
  const exported = JSON.parse(transcript) as {
    exchanges: { step: string; channel: string; request: { headers: Record<string, string> } }[];
  };
  expect(exported.exchanges.map((e) => e.step)).toEqual(["2", "3", "4", "5", "6", "refresh"]);
  for (const e of exported.exchanges.filter((x) => x.channel === "back"))
    expect(e.request.headers[TRACE_CAPABILITY_HEADER]).toBe(TRACE_PLACEHOLDER);
  const bearer = exported.exchanges.map((e) => e.request.headers["authorization"] ?? "").find((h) => h.startsWith("Bearer "));
  const firstFlow = { access_token: bearer?.slice("Bearer ".length) ?? "", refresh_token: newToken };
  expect(firstFlow.access_token).toMatch(/^eyJ/);

  // Revoke, then the old access token stops working at the mail API (introspection, within ~5 s).
  await page.getByRole("link", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/revoke`);
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(/Revoked at/)).toBeVisible();
  await expect(async () => {
    await page.getByRole("button", { name: "Try the mail API again" }).click();
    await expect(page.getByText("Status: 401")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000, intervals: [1_000] });
  await expect(page.getByRole("list", { name: "Refresh token rotation chain" }).getByRole("listitem").nth(1)).toContainText("revoked");
  // The family shows as revoked at LabMail, and so does the grant.
  for (const token of [oldToken, newToken])
    await expect(
      storedTable(page, "refresh_tokens")
        .getByRole("row")
        .filter({ hasText: sha256(token) }),
    ).toContainText("revoked");
  await expect(storedTable(page, "grants").getByRole("row").nth(1)).not.toContainText("active");
  await expect(sequenceDiagram(page).getByRole("link", { name: /revoke: MailDash server to LabMail AS, POST .* → 200/ })).toBeVisible();
  await lookAtStep(page, "revoke", shot, (p) => [p.getByText(/Revoked at/), p.getByText("Status: 401")]);

  // Presenter mode: the diagram and the panel, legible at 1280×720.
  await page.goto(`${lab.dashboardUrl}/guided/revoke?presenter=1`);
  await page.getByText("Sequence diagram").click();
  await page.getByRole("region", { name: "Sequence diagram" }).screenshot({ path: shot("guided-diagram-presenter.png") });
  // LabMail's rows fold to one line on the projector, and open on demand.
  await expect(storedRows(page).getByRole("table", { name: "Stored rows: refresh_tokens" })).toBeHidden();
  await page.getByText("What LabMail stored").click();
  await expect(storedTable(page, "refresh_tokens")).toBeVisible();
  await expectNoAxeViolations(page);
  await storedRows(page).screenshot({ path: shot("guided-stored-rows-presenter.png") });

  // Nothing the dashboard answered during the whole walk held its own secret or a trace capability.
  expect(bodies.length).toBeGreaterThan(20);
  for (const body of bodies) {
    expect(body.includes(dashboardSecret()), `the dashboard's secret in ${body.split("\n")[0]}`).toBe(false);
    expect(REAL_CAPABILITY.test(body), `a trace capability in ${body.split("\n")[0]}`).toBe(false);
  }

  // A classmate who saw the projector (state, tokens on screen) reaches nothing of this flow.
  const classmate = await browser.newContext();
  const other = await classmate.newPage();
  await other.goto(`${lab.dashboardUrl}/guided/5`);
  await expect(other.getByText("No guided flow in progress.")).toBeVisible();
  const theirPage = await other.content();
  for (const value of [firstFlow.access_token, firstFlow.refresh_token, state])
    expect(theirPage.includes(value), "the classmate's page shows the first flow").toBe(false);
  const theirTranscript = await other.request.get(`${lab.dashboardUrl}/guided/transcript.json`);
  expect(theirTranscript.status()).toBe(404);
  const theirText = await theirTranscript.text();
  for (const value of [firstFlow.access_token, state, verifier])
    expect(theirText.includes(value), "the classmate's transcript holds the first flow").toBe(false);
  for (const guess of [createHash("sha256").update(state).digest("base64url"), state]) {
    const trace = await other.request.get(`${issuer}/trace`, { headers: { [TRACE_CAPABILITY_HEADER]: guess } });
    expect(trace.status()).toBe(404);
  }
  await classmate.close();
});

test("denied consent comes back to step 3 as an error; the footer offers a new flow", async ({ page }, testInfo) => {
  await startGuidedFlow(page);
  await page.goto(`${lab.dashboardUrl}/guided/2`);
  await page.getByRole("link", { name: "Go to LabMail to sign in" }).click();
  await logIn(page, alice);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/3`);
  await expect(page.getByRole("alert").filter({ hasText: "access_denied" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Previous and next step" }).getByRole("button", { name: "Start a new flow" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("guided-denied.png"), fullPage: true });
});

test("presenter mode: large type, keyboard navigation, R resets", async ({ page }, testInfo) => {
  await startGuidedFlow(page);
  await page.goto(`${lab.dashboardUrl}/guided/1?presenter=1`);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("21px");
  await page.screenshot({ path: testInfo.outputPath("guided-presenter.png") });
  await expectNoAxeViolations(page);
  const keysLiveOn = (path: string) => expect(page.locator("html")).toHaveAttribute("data-presenter-keys", path);
  await keysLiveOn("/guided/1");
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/2?presenter=1`);
  await keysLiveOn("/guided/2");
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/1?presenter=1`);
  await keysLiveOn("/guided/1");
  await page.keyboard.press("r");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided?presenter=1`);
  await expect(page.getByRole("button", { name: "Start" })).toBeVisible();
  // The flow is gone on the server too.
  await page.goto(`${lab.dashboardUrl}/guided/1`);
  await expect(page.getByText("No guided flow in progress.")).toBeVisible();
});

test("axe: the dashboard's home, inbox and public client, and LabMail's login, consent and error pages", async ({ page }) => {
  // LabMail remembers consent and MailDash no longer forces prompt=consent: start from a Bob who never allowed it.
  await forgetConsent(bob);
  await page.goto(`${lab.dashboardUrl}/spa`);
  await expectNoAxeViolations(page);
  await page.goto(`${issuer}/authorize?client_id=nobody&response_type=code`);
  await expect(page.getByRole("heading", { name: "This sign-in request can't be completed" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(lab.dashboardUrl);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign in with LabMail" }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await expectNoAxeViolations(page);
  await logIn(page, { username: bob.username, password: "not-bobs-password" });
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await expectNoAxeViolations(page); // the login page with its error
  await logIn(page, bob);
  await expect(page.getByRole("button", { name: "Allow" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox`));
  await expectNoAxeViolations(page);
  await page.getByRole("list", { name: "Messages" }).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox/`));
  // The message itself, not the loading view that precedes it (which has its own heading too).
  await expect(page.getByRole("status").filter({ hasText: "Loading your mail" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
