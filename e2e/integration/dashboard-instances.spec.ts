// Two dashboard instances sharing their state in Redis (issue 11, "State lives in the shared database
// (or Redis)"): a guided flow started at one instance is continued at the other, step by step, as a load
// balancer would spread a browser's requests. The instances are started here, beside the test stack,
// through the same start script, on the stack's AS and mail API, with a Redis key prefix of their own.
// Without Redis on a laptop the spec is skipped; under CI it is required (.ci/run starts it).

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createClient } from "redis";
import { redisAnswers, testRedisUrl } from "../../scripts/lib/redis.ts";
import { START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { freePort, startInstance, waitForReady } from "../support/instances.ts";
import { alice, dashboardInstanceEnv, guidedClient, issuer, ScriptedUserAgent } from "../support/lab.ts";

const REDIS_URL = testRedisUrl();

type Instance = ReturnType<typeof startInstance> & { url: string };
let instances: Instance[] = [];
const prefix = `lab-instances-${randomBytes(4).toString("hex")}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const up = await redisAnswers(REDIS_URL);
  if (!up && process.env.CI !== "true") test.skip(true, `no Redis at ${REDIS_URL}`);
  expect(up, `Redis at ${REDIS_URL} (CI machines provide one)`).toBe(true);
  const ports = [await freePort(), await freePort()];
  instances = ports.map((port) => {
    const instance = startInstance(
      START_SCRIPTS.dashboard,
      dashboardInstanceEnv(port, {
        TEACHING_MODE: "1",
        GUIDED_CLIENT_ID: guidedClient.client_id,
        GUIDED_CLIENT_SECRET: guidedClient.client_secret,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
      }),
    );
    return { ...instance, url: `http://127.0.0.1:${port}` };
  });
  await Promise.all(instances.map((i) => waitForReady(`${i.url}/api/health/ready`, i)));
});

test.afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  const redis = createClient({ url: REDIS_URL });
  redis.on("error", () => undefined);
  await redis.connect().catch(() => undefined);
  if (redis.isReady) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  }
});

test("a guided flow started at one dashboard instance continues at the other, through every step", async () => {
  const [a, b] = instances;
  if (!a || !b) throw new Error("two instances");
  const browser = new ScriptedUserAgent();

  // Step 1 at A: the flow is created and saved; the browser gets its cookie.
  const started = await browser.post(`${a.url}/guided/actions/start`, {});
  expect(started.status).toBe(303);
  expect(new URL(started.headers.get("location") ?? "").pathname).toBe("/guided/1");

  // Step 2's page at B shows the authorization URL that A built: B read the flow from Redis.
  const step2 = await (await browser.get(`${b.url}/guided/2`)).text();
  const authorizationUrl = /href="([^"]*\/authorize\?[^"]+)"/.exec(step2)?.[1]?.replaceAll("&amp;", "&");
  expect(authorizationUrl, "the step 2 page at B links to the authorization request").toBeTruthy();
  const request = new URL(authorizationUrl ?? "");
  expect(request.origin).toBe(new URL(issuer).origin);
  expect(request.searchParams.get("client_id")).toBe(guidedClient.client_id);

  // Step 2 at the AS (login, consent), then step 3: the redirect URI is the public origin; B answers it.
  const callback = await browser.authorize(Object.fromEntries(request.searchParams), alice);
  expect(callback.pathname).toBe("/guided/callback");
  expect(callback.searchParams.get("code")).toBeTruthy();
  const arrived = await browser.get(`${b.url}/guided/callback${callback.search}`);
  expect(arrived.status).toBe(303);
  expect(new URL(arrived.headers.get("location") ?? "").pathname).toBe("/guided/3");

  // Step 4 at A: the code that B accepted is exchanged by A (it validates the stored response again).
  const exchanged = await browser.post(`${a.url}/guided/actions/send-token-request`, {});
  expect(exchanged.status).toBe(303);
  expect(new URL(exchanged.headers.get("location") ?? "").pathname).toBe("/guided/4");

  // Step 6 at B: the mail API call with the tokens A received.
  const called = await browser.post(`${b.url}/guided/actions/call-mail-api`, {});
  expect(called.status).toBe(303);

  // The transcript, read at A, has every step, whichever instance ran it.
  const transcript = await browser.get(`${a.url}/guided/transcript.json`);
  expect(transcript.status).toBe(200);
  const body = (await transcript.json()) as { exchanges?: { step: string; response?: { status: number } }[] };
  const exchanges = body.exchanges ?? [];
  const statusOf = (step: string) => exchanges.find((e) => e.step === step)?.response?.status;
  expect(exchanges.map((e) => e.step)).toEqual(expect.arrayContaining(["2", "3", "4", "6"]));
  expect(statusOf("4"), "the token response").toBe(200);
  expect(statusOf("6"), "the mail API's answer").toBe(200);

  // The state is in Redis under this deployment's prefix, not in either process.
  const redis = createClient({ url: REDIS_URL });
  redis.on("error", () => undefined);
  await redis.connect();
  try {
    expect(await redis.keys(`${prefix}:guided-flows:*`)).not.toHaveLength(0);
  } finally {
    await redis.quit();
  }
});
