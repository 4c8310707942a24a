// Starts the whole lab: the embedded PostgreSQL (or a real server's databases), then the three apps
// through their start scripts (scripts/start/*.mjs: migrations, the seed, the production server), the
// very commands the compose services run. Each runs in its own process group so that Ctrl-C (or the
// test runner) stops everything cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, type WriteStream, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { NAIVE_CLIENT_IDS, NAIVE_CLIENT_SECRETS_VARIABLE, parseNaiveClientSecrets } from "@oauth-flow-lab/lab";
import { CLIENTS, type StackConfig } from "./config.ts";
import { createFreshDatabases, type DatabaseUrls, maintenanceUrl } from "./postgres.ts";

export const root = path.resolve(import.meta.dirname, "../..");
const bin = { tsx: path.join(root, "node_modules/tsx/dist/cli.mjs") };
/** One start script per app, shared with docker-compose.yml (scripts/check-compose.ts holds it to that). */
export const START_SCRIPTS = {
  as: "scripts/start/authorization-server.mjs",
  mail: "scripts/start/mail-api.mjs",
  dashboard: "scripts/start/dashboard.mjs",
} as const;

export type StackOptions = {
  config: StackConfig;
  /** Folder for durable data and logs; undefined keeps the databases in memory (tests). */
  dataDir: string | undefined;
  /**
   * Where app output goes: "inherit" prefixes it on this terminal, "files" writes <dataDir>/logs. A lab
   * without a data folder (the tests') also copies each app's output to `stackLogDir(config)`.
   */
  logs: "inherit" | "files";
  progress: (message: string) => void;
  /**
   * Teaching mode (the guided client, the traces, the demo controls): on unless false. The attack lab
   * (naive twins, naive mail endpoint, attack pages) is on exactly when teaching mode is.
   */
  teaching?: boolean;
  /**
   * A lab beside the test stack (a test's second lab): it must not share the stack's databases. With
   * AUTH_DATABASE_URL and MAIL_DATABASE_URL set (the PostgreSQL pass), it gets fresh databases of its
   * own on that server, dropped on stop; otherwise its own embedded PostgreSQL, as always.
   */
  separateDatabases?: boolean;
  /** Extra environment for the three apps' processes (the bench's profiler hook). */
  appEnv?: Record<string, string>;
};

export type RunningStack = {
  stop: () => Promise<void>;
  exited: Promise<string>;
  /** The databases the apps use (for tests that read them, or start one more AS on them). */
  databaseUrls: DatabaseUrls;
};

type Child = { name: string; process: ChildProcess };

const baseEnv: Record<string, string> = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

/**
 * Where a lab without a data folder (the test stack, a test's second lab) also writes each app's output,
 * `<name>.log` (as, mail, dashboard, db), emptied at start: tests read the apps' JSON log lines there.
 * Named after the dashboard's port, so that labs side by side keep apart.
 */
export function stackLogDir(config: StackConfig): string {
  return path.join(os.tmpdir(), `oauth-flow-lab-logs-${config.bind.dashboard[1]}`);
}

/** Fails fast, with a clear message, when a port is taken (rather than a hang or a cryptic crash). */
export async function assertPortFree(host: string, port: number, what: string, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Port ${port} on ${host} (${what}) is already in use. Stop whatever uses it, or choose another port: ${variable}=<port>.`
            : `Cannot listen on ${host}:${port} (${what}): ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Secrets for the demo are made once and kept in the git-ignored data folder; tests get fresh ones. */
type Secrets = {
  nextauthSecret: string;
  dashboardClientSecret: string;
  guidedClientSecret: string;
  mailApiClientSecret: string;
  /** The attack lab's naive twins: {client_id: secret}, passed on as NAIVE_CLIENT_SECRETS. */
  naiveClientSecrets: Record<string, string>;
};

export function loadSecrets(dataDir: string | undefined): Secrets {
  const random = () => randomBytes(32).toString("base64url");
  const fresh = (): Secrets => ({
    nextauthSecret: process.env.NEXTAUTH_SECRET || random(),
    dashboardClientSecret: process.env.DASHBOARD_CLIENT_SECRET || random(),
    guidedClientSecret: process.env.GUIDED_CLIENT_SECRET || random(),
    mailApiClientSecret: process.env.MAIL_API_CLIENT_SECRET || random(),
    naiveClientSecrets: process.env[NAIVE_CLIENT_SECRETS_VARIABLE]
      ? parseNaiveClientSecrets(process.env[NAIVE_CLIENT_SECRETS_VARIABLE])
      : Object.fromEntries(NAIVE_CLIENT_IDS.map((id) => [id, random()])),
  });
  if (!dataDir || (process.env.NEXTAUTH_SECRET && process.env.DASHBOARD_CLIENT_SECRET)) return fresh();
  const file = path.join(dataDir, "secrets.json");
  // Secrets added by a later version are filled in, the existing ones kept.
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
    const defaults = fresh();
    const secrets = { ...defaults, ...stored, naiveClientSecrets: { ...defaults.naiveClientSecrets, ...stored.naiveClientSecrets } };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
  const secrets = fresh();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, dataDir, progress } = options;
  const TEACHING_MODE = options.teaching === false ? "0" : "1";
  // The attack lab goes with teaching mode (it takes effect only inside it anyway).
  const ATTACK_LAB = TEACHING_MODE;
  const children: Child[] = [];
  let stopping = false;
  // Output may go to a pipe that closes first (a test runner shutting down): never crash on it.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  // Last resort if this process dies without stop(): signal every child group so none is orphaned
  // holding a port (the database closes cleanly on SIGTERM).
  process.once("exit", () => {
    for (const { process: child } of children) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          /* already gone */
        }
      }
    }
  });
  const logDir = dataDir ? path.join(dataDir, "logs") : undefined;
  if (logDir) mkdirSync(logDir, { recursive: true });
  const copyDir = dataDir ? undefined : stackLogDir(config);
  if (copyDir) mkdirSync(copyDir, { recursive: true });

  const sink = (name: string): WriteStream | undefined =>
    options.logs === "files" && logDir ? createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" }) : undefined;
  const copy = (name: string): WriteStream | undefined =>
    copyDir ? createWriteStream(path.join(copyDir, `${name}.log`), { flags: "w" }) : undefined;

  function start(name: string, args: string[], cwd: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...baseEnv, ...env, NODE_ENV: "production" },
      detached: true, // its own process group: `next start` runs a child server that must stop too
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push({ name, process: child });
    const file = sink(name);
    const copied = copy(name);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      if (copied) stream.pipe(copied, { end: false });
      if (file) stream.pipe(file);
      else {
        let buffer = "";
        stream.on("data", (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split("\n");
          buffer = lines.pop() ?? "";
          for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
        });
      }
    }
    return child;
  }

  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    // Apps first, the database last, so that nothing writes while PGlite closes.
    for (const group of [children.filter((c) => c.name !== "db"), children.filter((c) => c.name === "db")]) {
      await Promise.all(group.map((c) => terminate(c.process)));
    }
    await dropSeparateDatabases?.().catch((error: unknown) => progress(`could not drop this lab's databases: ${(error as Error).message}`));
  }
  let dropSeparateDatabases: (() => Promise<void>) | undefined;
  let urls: DatabaseUrls = { AUTH_DATABASE_URL: "", MAIL_DATABASE_URL: "" };

  try {
    const db = config.db;
    // A real PostgreSQL server instead of the embedded one: both URLs, one database per service.
    let external: DatabaseUrls | undefined =
      process.env.AUTH_DATABASE_URL && process.env.MAIL_DATABASE_URL
        ? { AUTH_DATABASE_URL: process.env.AUTH_DATABASE_URL, MAIL_DATABASE_URL: process.env.MAIL_DATABASE_URL }
        : undefined;
    if (external && options.separateDatabases) {
      const fresh = await createFreshDatabases(maintenanceUrl(external.AUTH_DATABASE_URL));
      dropSeparateDatabases = fresh.drop;
      progress(`Fresh databases for this lab: ${fresh.names.join(", ")}`);
      external = { AUTH_DATABASE_URL: fresh.AUTH_DATABASE_URL, MAIL_DATABASE_URL: fresh.MAIL_DATABASE_URL };
    }
    for (const [host, port, what, variable] of [
      ...(external
        ? []
        : ([
            [db.host, db.authPort, "embedded PostgreSQL for the authorization server", "AUTH_DB_PORT"],
            [db.host, db.mailPort, "embedded PostgreSQL for the mail API", "MAIL_DB_PORT"],
          ] as const)),
      [...config.bind.as, "authorization server", "AS_PORT"],
      [...config.bind.mailApi, "mail API", "MAIL_API_PORT"],
      [...config.bind.dashboard, "dashboard", "DASHBOARD_PORT"],
    ] as const) {
      await assertPortFree(host, port, what, variable);
    }

    if (external) {
      progress("Using the PostgreSQL servers of AUTH_DATABASE_URL and MAIL_DATABASE_URL");
      urls = external;
    } else {
      progress(
        dataDir
          ? `Starting the embedded PostgreSQL (data in ${path.relative(root, dataDir) || dataDir})`
          : "Starting the embedded PostgreSQL (in memory)",
      );
      const dbProcess = start("db", [bin.tsx, "packages/db/src/embedded-server.ts"], root, {
        EMBEDDED_DB_HOST: db.host,
        AUTH_DB_PORT: String(db.authPort),
        MAIL_DB_PORT: String(db.mailPort),
        EMBEDDED_DB_OWNER_PID: String(process.pid),
        ...(dataDir ? { EMBEDDED_DB_DIR: path.join(dataDir, "postgres") } : {}),
      });
      await waitForLine(dbProcess, /^ready /, 60_000, "the embedded PostgreSQL");
      urls = {
        AUTH_DATABASE_URL: `postgresql://postgres:postgres@${db.host}:${db.authPort}/postgres`,
        MAIL_DATABASE_URL: `postgresql://postgres:postgres@${db.host}:${db.mailPort}/postgres`,
      };
    }

    const secrets = loadSecrets(dataDir);
    const naiveSecrets: Record<string, string> =
      ATTACK_LAB === "1" ? { [NAIVE_CLIENT_SECRETS_VARIABLE]: JSON.stringify(secrets.naiveClientSecrets) } : {};
    const script = (name: keyof typeof START_SCRIPTS, env: Record<string, string>) =>
      start(name, [START_SCRIPTS[name]], root, { ...env, ...options.appEnv });

    progress("Starting the mail API (migrations first)");
    const [mailHost, mailPort] = config.bind.mailApi;
    const mail = script("mail", {
      HOST: mailHost,
      PORT: String(mailPort),
      ISSUER: config.issuer,
      MAIL_API_AUDIENCE: config.mailApiUrl,
      MAIL_DATABASE_URL: urls.MAIL_DATABASE_URL,
      MAIL_API_CLIENT_ID: CLIENTS.mailApi.client_id,
      MAIL_API_CLIENT_SECRET: secrets.mailApiClientSecret,
      // The browser-based public client (/spa on the dashboard's host) calls the API directly.
      MAIL_API_CORS_ORIGINS: config.dashboardUrl,
      TEACHING_MODE,
      ATTACK_LAB,
    });
    // The seed writes both databases: the AS's script runs it once the mail database is migrated.
    await waitForLine(mail, /"msg":"mail database: migrations applied"/, 150_000, "the mail migrations");

    progress("Starting the authorization server (migrations, then the seed: demo users, mailboxes, clients)");
    const [asHost, asPort] = config.bind.as;
    const as = script("as", {
      HOST: asHost,
      PORT: String(asPort),
      ISSUER: config.issuer,
      AUTH_DATABASE_URL: urls.AUTH_DATABASE_URL,
      MAIL_API_AUDIENCE: config.mailApiUrl,
      // The guided client, the teaching trace and the demo controls: this is the lab's configuration.
      TEACHING_MODE,
      ATTACK_LAB,
      SEED: "1",
      MAIL_DATABASE_URL: urls.MAIL_DATABASE_URL,
      DASHBOARD_URL: config.dashboardUrl,
      DASHBOARD_CLIENT_SECRET: secrets.dashboardClientSecret,
      GUIDED_CLIENT_SECRET: secrets.guidedClientSecret,
      MAIL_API_CLIENT_SECRET: secrets.mailApiClientSecret,
      ...naiveSecrets,
    });
    await Promise.all([
      waitForHttp(`${config.issuer}/health/ready`, "the authorization server", as),
      waitForHttp(`${config.mailApiUrl}/health/ready`, "the mail API", mail),
    ]);
    // Last: the test runner takes the dashboard's answer as "the lab is up".
    progress("Starting the dashboard");
    const [dashHost, dashPort] = config.bind.dashboard;
    const dashboard = script("dashboard", {
      HOST: dashHost,
      PORT: String(dashPort),
      NEXTAUTH_URL: config.dashboardUrl,
      NEXTAUTH_SECRET: secrets.nextauthSecret,
      ISSUER: config.issuer,
      OAUTH_CLIENT_ID: CLIENTS.dashboard.client_id,
      OAUTH_CLIENT_SECRET: secrets.dashboardClientSecret,
      PUBLIC_CLIENT_ID: CLIENTS.spa.client_id,
      MAIL_API_URL: config.mailApiUrl,
      TEACHING_MODE,
      ATTACK_LAB,
      ...(TEACHING_MODE === "1" ? { GUIDED_CLIENT_ID: CLIENTS.guided.client_id, GUIDED_CLIENT_SECRET: secrets.guidedClientSecret } : {}),
      ...naiveSecrets,
      // The dashboard's short-lived state: in Redis when the caller names one (the PostgreSQL pass), else in memory.
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX ?? "maildash" } : {}),
    });
    await waitForHttp(`${config.dashboardUrl}/api/health/ready`, "the dashboard", dashboard);
  } catch (error) {
    await stop();
    throw error;
  }

  const exited = new Promise<string>((resolve) => {
    for (const child of children) {
      child.process.once("exit", (code, signal) => {
        if (!stopping) {
          resolve(`${child.name} exited (${signal ?? code})`);
        }
      });
    }
  });
  return { stop, exited, databaseUrls: urls };
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.split("\n").some((line) => pattern.test(line.trim()))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (seen.split("\n").some((line) => pattern.test(line.trim()))) resolve();
      else reject(new Error(`${what} failed (exit ${code}):\n${seen.slice(-2000)}`));
    });
  });
}

/** Until `url` answers 2xx; fails at once, with the app's last output, if its start script exits first. */
async function waitForHttp(url: string, what: string, child: ChildProcess, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.signalCode ?? child.exitCode}) before answering at ${url}:\n${output}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s (${last})`);
}

async function terminate(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (child.exitCode !== null || child.signalCode !== null || pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig); // the whole process group
    } catch {
      /* already gone */
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 8000);
  await gone;
  clearTimeout(timer);
}
