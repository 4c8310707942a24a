// `npm run bench`: how fast the lab is on this machine, against floors measured in the same run.
// Starts its own stack from the production builds (ports + 300, teaching mode off, as deployed), on fresh
// databases of the local PostgreSQL server (or the embedded one with --embedded, or when no server
// answers), drives it over loopback with scripted HTTP user agents, prints a table and writes
// docs/performance.md. Every loop is bounded in count and in time (--quick: smaller bounds).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type LoadResult, type MeasurementHooks, percentile, runLoad } from "./bench/load.ts";
import { type ProfileSummary, summarizeProfiles } from "./bench/profile-summary.ts";
import { stackConfig } from "./lib/config.ts";
import { root, START_SCRIPTS, startStack } from "./lib/stack.ts";

const OFFSET = 300;
const quick = process.argv.includes("--quick");
const wantEmbedded = process.argv.includes("--embedded");
/** --only=mail,flows,fresh,refresh,stored,logins: just those measurements (the floors always run). */
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wanted = (section: string) => only === undefined || only.includes(section);
/** --profile: the apps run under V8's CPU profiler (bench/cpu-profile-hook.cjs); the report says where their CPU went. */
const profile = process.argv.includes("--profile");
/** --keep: the run's directory (logs, and the .cpuprofile files with --profile) is kept, not removed. */
const keep = process.argv.includes("--keep");
/**
 * --instances=2: two AS and two mail API instances behind HAProxy with deploy/haproxy.cfg (as compose
 * runs them), so that both cores serve; the clients use the same public URLs, now HAProxy's.
 */
const instances = Number(process.argv.find((a) => a.startsWith("--instances="))?.slice("--instances=".length) ?? "1");
if (instances !== 1 && instances !== 2) throw new Error("--instances must be 1 or 2");
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** Rounds of the stored-tokens latency on each side (few, many). */
const STORED_ROUNDS = 5;
/** How many tokens and grants the "many stored tokens" measurement adds. */
const STORED = Number(process.env.BENCH_STORED ?? (quick ? 100_000 : 1_000_000));
const BENCH_USERS = 300;
const BENCH_PASSWORD = "bench-password-not-secret";

const limits = (maxOps: number, maxSeconds: number) =>
  quick ? { maxOps: Math.ceil(maxOps / 5), maxSeconds: maxSeconds / 3, warmupSeconds: 0.5 } : { maxOps, maxSeconds, warmupSeconds: 2 };

type Row = { figure: string; value: string; target: string; floor: string; detail: string };
const rows: Row[] = [];
const notes: string[] = [];
/** The keep-alive agent of httpGet (declared before the top-level awaits below use it). */
let keepAlive: http.Agent | undefined;

function say(message: string): void {
  console.log(`[bench] ${message}`);
}

// The stack and the test helpers read their secrets and ports from the environment: set them first.
process.env.TEST_PORT_OFFSET = String(OFFSET);
for (const name of ["DASHBOARD_CLIENT_SECRET", "NEXTAUTH_SECRET", "MAIL_API_CLIENT_SECRET", "GUIDED_CLIENT_SECRET"]) {
  process.env[name] = randomBytes(32).toString("base64url");
}
/** The public URLs; with --instances=2 the stack's own AS and mail API listen 2000 ports higher (6300, 7300; the second ones 6301, 7301), behind HAProxy. */
const publicConfig = stackConfig(OFFSET);
const inner = (bind: [string, number], n = 0): [string, number] => ["127.0.0.1", bind[1] + 2000 + n];
const config =
  instances === 2
    ? { ...publicConfig, bind: { ...publicConfig.bind, as: inner(publicConfig.bind.as), mailApi: inner(publicConfig.bind.mailApi) } }
    : publicConfig;

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const usePostgres = !wantEmbedded && (await postgresReachable());
const databaseName = `lab_bench_${randomBytes(4).toString("hex")}`;
let authUrl: string;
if (usePostgres) {
  await admin(`CREATE DATABASE ${databaseName}_auth`);
  await admin(`CREATE DATABASE ${databaseName}_mail`);
  const url = (suffix: string) => {
    const u = new URL(POSTGRES_URL);
    u.pathname = `/${databaseName}_${suffix}`;
    return u.href;
  };
  authUrl = url("auth");
  process.env.AUTH_DATABASE_URL = authUrl;
  process.env.MAIL_DATABASE_URL = url("mail");
} else {
  if (!wantEmbedded) notes.push(`No PostgreSQL server answered at ${POSTGRES_URL}: these figures are on the embedded database.`);
  delete process.env.AUTH_DATABASE_URL;
  delete process.env.MAIL_DATABASE_URL;
  authUrl = `postgresql://postgres:postgres@${config.db.host}:${config.db.authPort}/postgres`;
}
const database = usePostgres ? "PostgreSQL (local server)" : "embedded PostgreSQL (PGlite)";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "lab-bench-"));
say(`Starting the lab on ${database} (ports + ${OFFSET}, teaching mode off, logs in ${dataDir}/logs)`);
const profileDir = path.join(dataDir, "profiles");
const appEnv: Record<string, string> = profile
  ? { NODE_OPTIONS: `--require=${path.join(import.meta.dirname, "bench/cpu-profile-hook.cjs")}`, BENCH_PROFILE_DIR: profileDir }
  : {};
const floors: { stop: () => void }[] = [];
const extra: { stop: () => Promise<void> }[] = [];
// HAProxy first: the stack waits for its public URLs to answer.
if (instances === 2) extra.push(startBalancer());
const stack = await startStack({ config, dataDir, logs: "files", progress: say, teaching: false, appEnv }).catch(async (error: unknown) => {
  await Promise.all(extra.map((e) => e.stop()));
  throw error;
});
if (instances === 2) await startSecondInstances();

async function cleanUp(): Promise<void> {
  for (const floor of floors) floor.stop();
  await Promise.all(extra.map((e) => e.stop()));
  await stack.stop();
  if (usePostgres) {
    await admin(`DROP DATABASE IF EXISTS ${databaseName}_auth WITH (FORCE)`).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${databaseName}_mail WITH (FORCE)`).catch(() => undefined);
  }
  if (keep) say(`Kept ${dataDir} (logs, profiles)`);
  else rmSync(dataDir, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanUp().then(() => process.exit(130)));

try {
  await measure();
  // The profiles are written when the apps exit.
  await Promise.all(extra.map((e) => e.stop()));
  await stack.stop();
  writeReport(profile ? summarizeProfiles(profileDir) : []);
} finally {
  await cleanUp();
}

async function measure(): Promise<void> {
  const lab = await import("../e2e/support/lab.ts");
  const { ScriptedUserAgent, authorizationRequest, tokenRequest, obtainTokens, alice, client, issuer, mailApi } = lab;
  const users = await createBenchUsers();
  const scope = "openid profile email offline_access mail.read";

  /** The code of a finished authorization (the AS answered the client's redirect URI with one). */
  const codeOf = (callback: URL): string => {
    const code = callback.searchParams.get("code");
    if (!code) throw new Error(`no code: ${callback.href.slice(0, 200)}`);
    return code;
  };
  const exchangeLatencies: number[] = [];
  async function exchange(code: string, code_verifier: string, record = true): Promise<{ refresh_token?: string }> {
    const begin = performance.now();
    const response = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: client.redirect_uri, code_verifier });
    if (record) exchangeLatencies.push(performance.now() - begin);
    if (response.status !== 200) throw new Error(`code exchange: ${response.status} ${await response.text()}`);
    return (await response.json()) as { refresh_token?: string };
  }

  // Floors: the same JSON from a bare node:http server, and a trivial route handler of the AS's Next.js build.
  const token = await obtainTokens(scope, alice);
  const listUrl = `${mailApi}/v1/messages`;
  const sample = await fetch(listUrl, { headers: { authorization: `Bearer ${token.access_token}` } });
  if (sample.status !== 200) throw new Error(`mail API answered ${sample.status}`);
  const bodyFile = path.join(dataDir, "floor-body.json");
  writeFileSync(bodyFile, Buffer.from(await sample.arrayBuffer()));
  const floorPort = config.bind.mailApi[1] + 50;
  await startFloor(bodyFile, floorPort);
  const get =
    (url: string, headers: Record<string, string> = {}) =>
    async () => {
      const status = await httpGet(url, headers);
      if (status !== 200) throw new Error(`${url}: ${status}`);
    };
  say("Floors: bare node:http, then a trivial Next.js route handler");
  const bare = await runLoad(50, limits(40_000, 8), async () => get(`http://127.0.0.1:${floorPort}/v1/messages`));
  const trivialPath = await trivialRoute(issuer);
  const trivial = trivialPath ? await runLoad(50, limits(20_000, 8), async () => get(`${issuer}${trivialPath}`)) : undefined;
  const floorText = (r: LoadResult) => `bare node ${fmt(bare.perSecond)}/s (${ratio(r.perSecond, bare.perSecond)})`;
  const nextText = (r: LoadResult) =>
    trivial ? `Next.js trivial ${fmt(trivial.perSecond)}/s (${ratio(r.perSecond, trivial.perSecond)})` : "no trivial route";
  rows.push(row("bare node:http, same JSON, 50 connections", bare, "floor", "", ""));
  if (trivial) rows.push(row(`Next.js route handler ${trivialPath}, 50 connections`, trivial, "floor", "", ""));

  if (wanted("mail")) {
    say("Mail API GET /v1/messages at 50 connections");
    const mail = await runLoad(50, limits(30_000, 10), async () => get(listUrl, { authorization: `Bearer ${token.access_token}` }));
    rows.push(row("mail API GET /v1/messages, 50 connections", mail, "≥ 5,000/s", floorText(mail), nextText(mail)));
  }

  if (wanted("flows")) {
    say("Full flows with an AS session and remembered consent, concurrency 1 and 20");
    const flowWorker = async (index: number) => {
      const user = users[index % users.length] ?? alice;
      const agent = new ScriptedUserAgent();
      const first = authorizationRequest(scope);
      await exchange(codeOf(await agent.authorize(first.query, user)), first.pkce.code_verifier, false);
      return async () => {
        const request = authorizationRequest(scope);
        await exchange(codeOf(await agent.authorize(request.query, user)), request.pkce.code_verifier);
      };
    };
    const flows1 = await runLoad(1, limits(300, 8), flowWorker);
    rows.push(row("flows with a session, concurrency 1", flows1, "", nextText(flows1), ""));
    exchangeLatencies.length = 0;
    const flows20 = await runLoad(20, limits(3_000, 12), flowWorker);
    rows.push(row("flows with a session, concurrency 20", flows20, "≥ 500/s", nextText(flows20), ""));
    rows.push({
      figure: "code exchange latency (in the flows at concurrency 20)",
      value: `p50 ${fmt(percentile(exchangeLatencies, 0.5))} ms, p99 ${fmt(percentile(exchangeLatencies, 0.99))} ms`,
      target: "",
      floor: "",
      detail: "",
    });
  }

  if (wanted("fresh")) {
    say("Full flows with a fresh login, concurrency 20");
    const fresh = await runLoad(20, limits(600, 12), async (index) => {
      const user = users[100 + index] ?? alice;
      return async () => {
        const request = authorizationRequest(scope);
        await exchange(codeOf(await new ScriptedUserAgent().authorize(request.query, user)), request.pkce.code_verifier);
      };
    });
    rows.push(row("flows with a fresh login, concurrency 20", fresh, "", nextText(fresh), ""));
  }

  const refreshWorker = async (index: number) => {
    let refresh_token = (await obtainTokens(scope, users[index % users.length] ?? alice)).refresh_token;
    return async () => {
      if (!refresh_token) throw new Error("no refresh token");
      const response = await tokenRequest({ grant_type: "refresh_token", refresh_token });
      if (response.status !== 200) throw new Error(`refresh: ${response.status} ${await response.text()}`);
      refresh_token = ((await response.json()) as { refresh_token?: string }).refresh_token;
    };
  };

  if (wanted("refresh")) {
    say("Rotating refresh grants, 20 chains");
    const refresh = await runLoad(20, limits(6_000, 12), refreshWorker);
    rows.push(row("rotating refresh grants, 20 chains", refresh, "≥ 900/s", nextText(refresh), ""));
  }

  if (wanted("stored")) {
    say("Token endpoint latency with few and with many stored tokens");
    // A few rounds on each side: on a shared virtual machine one round's p50 can move by a third.
    const rounds = async () => {
      const done: { load: LoadResult; walBytes: number | undefined }[] = [];
      for (let i = 0; i < STORED_ROUNDS; i++) {
        const meter = walMeter();
        const load = await runLoad(1, limits(200, 5), refreshWorker, meter);
        done.push({ load, walBytes: meter.bytes() });
      }
      return done;
    };
    const few = await rounds();
    say(`Storing ${STORED.toLocaleString("en")} more grants, refresh tokens and access tokens`);
    await storeManyTokens(alice.sub);
    const many = await rounds();
    const stored = await countStored();
    const p50s = (side: typeof few) => side.map((r) => fmt(r.load.p50)).join(", ");
    const medianOf = (side: typeof few, pick: (r: (typeof few)[number]) => number) => median(side.map(pick));
    const wal = (side: typeof few) => {
      if (side.some((r) => r.walBytes === undefined)) return "–";
      return `${fmt(medianOf(side, (r) => (r.walBytes ?? 0) / r.load.ops / 1024))} KiB`;
    };
    rows.push({
      figure: `refresh latency, concurrency 1, few vs many stored tokens (median of ${STORED_ROUNDS} rounds)`,
      value: `p50 ${fmt(medianOf(few, (r) => r.load.p50))} → ${fmt(medianOf(many, (r) => r.load.p50))} ms (rounds ${p50s(few)} → ${p50s(many)}); p99 ${fmt(medianOf(few, (r) => r.load.p99))} → ${fmt(medianOf(many, (r) => r.load.p99))} ms`,
      target: "no growth",
      floor: "",
      detail: `${fmt(stored)} refresh tokens stored in the second run; WAL written per refresh: ${wal(few)} → ${wal(many)}`,
    });
  }

  if (wanted("logins")) {
    say(`${BENCH_USERS} simultaneous logins`);
    const begin = performance.now();
    const outcomes = await Promise.allSettled(users.map((user) => loginOnly(new ScriptedUserAgent(), user)));
    const seconds = (performance.now() - begin) / 1000;
    const failed = outcomes.filter((o) => o.status === "rejected");
    rows.push({
      figure: `${BENCH_USERS} simultaneous logins (argon2id, OWASP parameters)`,
      value: `${fmt(seconds)} s until the last one`,
      target: "≤ 10 s",
      floor: "",
      detail: failed.length > 0 ? `${failed.length} failed: ${String((failed[0] as PromiseRejectedResult).reason)}` : "all succeeded",
    });
  }

  /** GET /authorize, the login page, POST the password: done when the AS moves on from the login form. */
  async function loginOnly(agent: InstanceType<typeof ScriptedUserAgent>, user: { username: string; password: string }) {
    const request = authorizationRequest(scope);
    const start = await agent.get(`${issuer}/authorize?${new URLSearchParams(request.query)}`);
    const interaction = new URL(start.headers.get("location") ?? "");
    const page = await (await agent.get(interaction)).text();
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error("no login form");
    const login = await agent.post(`${interaction.href}/login`, { csrf_token: csrf, username: user.username, password: user.password });
    const next = login.headers.get("location") ?? "";
    if (login.status !== 303 || next.includes("error")) throw new Error(`login answered ${login.status} ${next}`);
  }
}

/** Bench accounts bench001…bench300 with one shared argon2id hash (hashing 300 here would time the bench). */
async function createBenchUsers(): Promise<{ sub: string; username: string; password: string }[]> {
  const requireFromAs = createRequire(path.join(root, "apps/authorization-server/package.json"));
  const argon2 = requireFromAs("argon2") as typeof import("argon2");
  const { PASSWORD_HASHING, CLIENTS } = await import("@oauth-flow-lab/lab");
  const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, ...PASSWORD_HASHING });
  const users = Array.from({ length: BENCH_USERS }, (_, i) => {
    const username = `bench${String(i + 1).padStart(3, "0")}`;
    return { sub: `bench-${username}`, username, password: BENCH_PASSWORD };
  });
  const db = new pg.Client({ connectionString: authUrl });
  await db.connect();
  try {
    for (const user of users) {
      await db.query(
        `INSERT INTO "users" ("id", "username", "email", "name", "password_hash") VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [user.sub, user.username, `${user.username}@labmail.test`, `Bench ${user.username}`, hash],
      );
      // Consent remembered, as for a returning user: the flows measure the protocol, not the consent page.
      await db.query(
        `INSERT INTO "consents" ("user_id", "client_id", "scopes", "updated_at") VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`,
        [user.sub, CLIENTS.dashboard.client_id, ["openid", "profile", "email", "offline_access", "mail.read"]],
      );
    }
  } finally {
    await db.end();
  }
  return users;
}

/** Adds STORED grants, each with a refresh token and an access token, in a few set-based statements. */
async function storeManyTokens(sub: string): Promise<void> {
  const db = new pg.Client({ connectionString: authUrl });
  await db.connect();
  try {
    const series = `generate_series(1, ${STORED}) AS i`;
    await db.query(
      `INSERT INTO "grants" ("id", "user_id", "client_id", "scope", "auth_time", "expires_at", "created_at")
       SELECT 'bench-grant-' || i, $1, 'dashboard', 'openid mail.read', now(), now() + interval '30 days', now() FROM ${series}`,
      [sub],
    );
    await db.query(
      `INSERT INTO "refresh_tokens" ("token_hash", "grant_id", "client_id", "scope", "expires_at", "created_at")
       SELECT md5('r' || i) || md5('s' || i), 'bench-grant-' || i, 'dashboard', 'openid mail.read', now() + interval '30 days', now() FROM ${series}`,
    );
    await db.query(
      `INSERT INTO "access_tokens" ("jti", "grant_id", "client_id", "expires_at", "created_at")
       SELECT 'bench-at-' || i, 'bench-grant-' || i, 'dashboard', now() + interval '1 hour', now() FROM ${series}`,
    );
    // What a table that grew over months looks like: vacuumed, analyzed, its pages written out. Without
    // this, autovacuum and the checkpoint that a million-row insert sets off run on the same two cores
    // during the second measurement, and time those instead of the token endpoint.
    for (const table of ["grants", "refresh_tokens", "access_tokens"]) await db.query(`VACUUM (ANALYZE) "${table}"`);
    await db.query("CHECKPOINT").catch(() => undefined);
  } finally {
    await db.end();
  }
}

type WalMeter = MeasurementHooks & { bytes(): number | undefined };

/**
 * The WAL the server wrote during a measurement (pg_current_wal_lsn(), the whole server, which only the
 * bench uses): what the writes cost at commit. A page changed for the first time after a checkpoint is
 * logged whole (8 KiB, PostgreSQL's full_page_writes). Undefined where the position cannot be read.
 */
function walMeter(): WalMeter {
  let start: string | undefined;
  let bytes: number | undefined;
  const ask = async (sql: string, values: unknown[] = []): Promise<string | undefined> => {
    const db = new pg.Client({ connectionString: authUrl });
    try {
      await db.connect();
      return (await db.query<{ value: string }>(sql, values)).rows[0]?.value;
    } catch {
      return undefined;
    } finally {
      await db.end().catch(() => undefined);
    }
  };
  return {
    async start() {
      start = await ask("SELECT pg_current_wal_lsn()::text AS value");
    },
    async stop() {
      if (start === undefined) return;
      const diff = await ask("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text AS value", [start]);
      bytes = diff === undefined ? undefined : Number(diff);
    },
    bytes: () => bytes,
  };
}

async function countStored(): Promise<number> {
  const db = new pg.Client({ connectionString: authUrl });
  await db.connect();
  try {
    const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "refresh_tokens"`);
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await db.end();
  }
}

async function startFloor(bodyFile: string, port: number): Promise<void> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "bench/floor-server.mjs"), bodyFile, String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  floors.push({ stop: () => child.kill("SIGTERM") });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the floor server exited (${code})`)));
  });
}

/** A route handler of the AS's build that only returns a constant (the liveness probe), if there is one. */
async function trivialRoute(issuer: string): Promise<string | undefined> {
  for (const candidate of ["/health/live"]) {
    const response = await fetch(`${issuer}${candidate}`).catch(() => undefined);
    if (response?.status === 200) return candidate;
  }
  notes.push("The AS has no trivial route handler (/health/live): the Next.js floor was not measured.");
  return undefined;
}

function row(figure: string, r: LoadResult, target: string, floor: string, detail: string): Row {
  const cpu = Object.entries(r.cpuMsPerOp)
    .filter(([, ms]) => ms >= 0.05)
    .map(([role, ms]) => `${role} ${ms.toFixed(2)}`)
    .join(", ");
  const errors = r.errors > 0 ? `; ${r.errors} errors (${r.firstError})` : "";
  return {
    figure,
    value: `${fmt(r.perSecond)}/s (p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms; ${r.ops} in ${r.seconds.toFixed(1)} s)`,
    target,
    floor: [floor, detail].filter(Boolean).join("; "),
    detail: `${cpu ? `CPU ms/op: ${cpu}` : ""}${errors}`,
  };
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return "–";
  return n >= 100 ? Math.round(n).toLocaleString("en") : n.toFixed(n >= 10 ? 1 : 2);
}

function ratio(value: number, floor: number): string {
  if (!(floor > 0)) return "no floor";
  return `ours = ${((value / floor) * 100).toFixed(1)}% of it`;
}

function writeReport(profiles: ProfileSummary[]): void {
  const cpus = os.cpus();
  const machine = `${cpus.length} cores, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = [
    "| figure | result | target | floor (same run) | where the CPU went |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.target} | ${r.floor} | ${r.detail} |`),
  ].join("\n");
  console.log(`\n${table}\n`);
  for (const note of notes) console.log(`Note: ${note}`);
  const report = `# Performance

Written by \`npm run bench${quick ? " -- --quick" : ""}\` on ${new Date().toISOString()}.

- Machine: ${machine}.
- Database: ${database}. Production builds, teaching mode off, every request over loopback.
- Instances: ${instances === 2 ? "two authorization servers and two mail APIs behind HAProxy (deploy/haproxy.cfg, `--instances=2`); the floors' Next.js route goes through HAProxy too" : "one of each app (`--instances=2` puts two AS and two mail API instances behind HAProxy)"}.
- The load generator runs in the bench's own process on the same machine and competes for the same cores;
  "CPU ms/op" counts only the lab's processes (read from /proc), per app.
- Each load first runs ${quick ? "0.5" : "2"} s unmeasured (the servers' JIT warm-up), then is measured.
- Floors, measured in the same run: a bare \`node:http\` server returning the mail API's JSON, and a route
  handler of the AS's Next.js build that returns a constant.
${notes.map((n) => `- ${n}`).join("\n")}

${table}

## Where the time goes

${profileSection(profiles)}
`;
  writeFileSync(path.join(root, "docs/performance.md"), report);
  say("Wrote docs/performance.md");
}

function profileSection(profiles: ProfileSummary[]): string {
  if (profiles.length === 0) {
    return "This run was not profiled: `npm run bench -- --profile` runs the apps under V8's CPU profiler and lists here where their CPU went.";
  }
  const intro =
    "CPU profiles of this run (V8's sampling profiler at 1 ms, which costs a few percent itself): self time by origin, the busiest processes first. Open the .cpuprofile files in Chrome DevTools for the flame graphs.";
  const sections = profiles.map((p) =>
    [
      `### ${p.app} (${fmt(p.busyMs / 1000)} s of CPU, ${p.file})`,
      "",
      "| origin | share of busy time |",
      "|---|---|",
      ...p.top.map((t) => `| ${t.origin} | ${(t.share * 100).toFixed(1)}% |`),
    ].join("\n"),
  );
  return [intro, ...sections].join("\n\n");
}

/**
 * The fixed-URL loads (the floors, the mail API) use node:http with a keep-alive agent: Node's fetch costs
 * the load generator several times more CPU per request, and it shares the machine with the lab.
 */
function httpGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    keepAlive ??= new http.Agent({ keepAlive: true, maxSockets: 64 });
    const request = http.get(url, { agent: keepAlive, headers }, (response) => {
      response.on("data", () => undefined);
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** HAProxy (Debian's package) on the public ports, with the compose file's configuration; its log is dropped. */
function startBalancer(): { stop: () => Promise<void> } {
  const address = ([host, port]: [string, number]) => `${host}:${port}`;
  const child = spawn("/usr/sbin/haproxy", ["-db", "-f", path.join(root, "deploy/haproxy.cfg")], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      AS_BIND: address(["127.0.0.1", publicConfig.bind.as[1]]),
      MAIL_API_BIND: address(["127.0.0.1", publicConfig.bind.mailApi[1]]),
      // The dashboard is not measured: its frontend listens aside.
      DASHBOARD_BIND: address(["127.0.0.1", publicConfig.bind.dashboard[1] + 2500]),
      AS_1: address(config.bind.as),
      AS_2: address(inner(publicConfig.bind.as, 1)),
      MAIL_API_1: address(config.bind.mailApi),
      MAIL_API_2: address(inner(publicConfig.bind.mailApi, 1)),
      DASHBOARD_1: address(config.bind.dashboard),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return {
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await gone;
    },
  };
}

/** The second AS and mail API, through their start scripts (no seed), on the stack's databases. */
async function startSecondInstances(): Promise<void> {
  const { startInstance, waitForReady } = await import("../e2e/support/instances.ts");
  const { CLIENTS } = await import("@oauth-flow-lab/lab");
  const [asHost, asPort] = inner(publicConfig.bind.as, 1);
  const [mailHost, mailPort] = inner(publicConfig.bind.mailApi, 1);
  say("Starting a second authorization server and a second mail API behind HAProxy");
  const as = startInstance(START_SCRIPTS.as, {
    ...appEnv,
    HOST: asHost,
    PORT: String(asPort),
    ISSUER: config.issuer,
    AUTH_DATABASE_URL: stack.databaseUrls.AUTH_DATABASE_URL,
    MAIL_API_AUDIENCE: config.mailApiUrl,
    TEACHING_MODE: "0",
    ATTACK_LAB: "0",
  });
  const mail = startInstance(START_SCRIPTS.mail, {
    ...appEnv,
    HOST: mailHost,
    PORT: String(mailPort),
    ISSUER: config.issuer,
    MAIL_API_AUDIENCE: config.mailApiUrl,
    MAIL_DATABASE_URL: stack.databaseUrls.MAIL_DATABASE_URL,
    MAIL_API_CLIENT_ID: CLIENTS.mailApi.client_id,
    MAIL_API_CLIENT_SECRET: process.env.MAIL_API_CLIENT_SECRET ?? "",
    TEACHING_MODE: "0",
    ATTACK_LAB: "0",
  });
  extra.push(as, mail);
  await waitForReady(`http://${asHost}:${asPort}/health/ready`, as);
  await waitForReady(`http://${mailHost}:${mailPort}/health/ready`, mail);
  // HAProxy takes an instance in after two good checks, 2 s apart.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
}
