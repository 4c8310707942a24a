// The PostgreSQL pass of `npm test`: the same integration and e2e suites (`playwright test`, arguments
// passed on) on a real PostgreSQL server instead of the embedded one. Two fresh databases per run,
// `lab_<random>_auth` and `lab_<random>_mail`, migrated and seeded by the stack's start scripts as in
// the embedded pass, and dropped afterwards, also when the tests fail or the run is interrupted.
//
// The server: POSTGRES_URL (a URL of its maintenance database), by default our machines' PostgreSQL 15,
// postgresql://postgres@127.0.0.1:5432/postgres (trust authentication). When it does not answer:
// under CI=true that is a failure (.ci/run starts it first); elsewhere (a laptop without PostgreSQL)
// the pass is skipped with a message that says so and why, and `npm test` still reports the rest.
//
// The pass is production-shaped in one more way: the dashboard keeps its short-lived state (guided
// flows, attack runs) in Redis (REDIS_URL, by default our machines' redis://127.0.0.1:6379) under a
// key prefix of its own, as several dashboard instances would; the embedded pass keeps it in memory.
// Redis is required under CI=true, like PostgreSQL; elsewhere, without it, the state stays in memory.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { assertServerReachable, createFreshDatabases, postgresServerUrl } from "./lib/postgres.ts";
import { redisAnswers, testRedisUrl } from "./lib/redis.ts";
import { root } from "./lib/stack.ts";

const say = (message: string) => console.log(`[postgres] ${message}`);
const server = postgresServerUrl();
const shown = new URL(server);
shown.password = shown.password ? "***" : "";

let version: string;
try {
  version = await assertServerReachable(server);
} catch (error) {
  const why = `no PostgreSQL server answers at ${shown} (${(error as Error).message})`;
  if (process.env.CI === "true" || process.env.CI === "1") {
    console.error(`[postgres] ${why}. Under CI the PostgreSQL pass is required: start the server (.ci/run does) or set POSTGRES_URL.`);
    process.exit(1);
  }
  say(`SKIPPED the PostgreSQL pass: ${why}.`);
  say("The embedded pass above ran. To run this pass too, start PostgreSQL or set POSTGRES_URL, then `npm run test:postgres`.");
  process.exit(0);
}

const redisUrl = testRedisUrl();
const redisUp = await redisAnswers(redisUrl);
if (!redisUp) {
  if (process.env.CI === "true" || process.env.CI === "1") {
    console.error(
      `[postgres] no Redis answers at ${redisUrl}. Under CI the dashboard's state is tested on Redis: start it (.ci/run does) or set REDIS_URL.`,
    );
    process.exit(1);
  }
  say(`No Redis at ${redisUrl}: the dashboard keeps its state in memory in this pass too.`);
}
const redisEnv = redisUp ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `lab-test-${randomBytes(4).toString("hex")}` } : {};

const databases = await createFreshDatabases(server);
say(
  `PostgreSQL ${version} at ${shown}: fresh databases ${databases.names.join(" and ")}${redisUp ? `; the dashboard's state in Redis at ${redisUrl} (${redisEnv.REDIS_KEY_PREFIX}:*)` : ""}`,
);

let dropped = false;
const drop = async () => {
  if (dropped) return;
  dropped = true;
  await databases.drop().then(
    () => say(`dropped ${databases.names.join(" and ")}`),
    (error: unknown) => console.error(`[postgres] could not drop ${databases.names.join(", ")}: ${(error as Error).message}`),
  );
};

const started = Date.now();
const tests = spawn(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, AUTH_DATABASE_URL: databases.AUTH_DATABASE_URL, MAIL_DATABASE_URL: databases.MAIL_DATABASE_URL, ...redisEnv },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // Playwright stops its stack on the signal; the databases go once it has exited (below).
    tests.kill(signal);
  });
}
const code = await new Promise<number>((resolve) => tests.once("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
say(
  `playwright test on PostgreSQL ${version}: ${code === 0 ? "passed" : `failed (exit ${code})`} in ${Math.round((Date.now() - started) / 1000)} s`,
);
await drop();
process.exit(code);
