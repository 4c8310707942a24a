// What the three start scripts share: the repository's tools, `prisma migrate deploy`, the optional
// seed, and running the server as a child that receives this process's signals. Plain Node (no tsx),
// so that a container's CMD and the test stack run the very same file.
import { spawn } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const bin = {
  next: path.join(root, "node_modules/next/dist/bin/next"),
  tsx: path.join(root, "node_modules/tsx/dist/cli.mjs"),
  prisma: path.join(root, "node_modules/prisma/build/index.js"),
};

const MIGRATED = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * `prisma migrate deploy` for one service's database (prisma/<name>/prisma.config.ts reads its URL).
 * Prisma 6.19's CLI lingers ~10 s after finishing over a driver adapter: it is stopped once it says it
 * is done. Concurrent runs (two instances starting at once) are safe: Prisma takes an advisory lock.
 * @param {"auth" | "mail"} name
 */
export async function migrate(name) {
  const child = spawn(process.execPath, [bin.prisma, "migrate", "deploy", "--config", `prisma/${name}/prisma.config.ts`], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise((resolve, reject) => {
    let seen = "";
    let done = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the ${name} migrations did not finish within 120 s:\n${seen.slice(-2000)}`));
    }, 120_000);
    const onData = (/** @type {Buffer} */ chunk) => {
      process.stdout.write(chunk);
      seen += chunk.toString();
      if (!done && MIGRATED.test(seen)) {
        done = true;
        clearTimeout(timer);
        child.kill("SIGTERM");
        resolve(undefined);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`the ${name} migrations failed (exit ${code}):\n${seen.slice(-2000)}`));
    });
  });
  // The test stack waits for this line before it seeds or starts the next service.
  console.log(`[start] ${name} database: migrations applied`);
}

/**
 * The demo users, their mailboxes and the lab's clients (prisma/seed.ts), when SEED=1. It writes both
 * databases, so it needs both URLs and both databases migrated; idempotent.
 */
export async function seedIfAsked() {
  if (process.env.SEED !== "1") return;
  await runToEnd([bin.tsx, "prisma/seed.ts"], root, "the seed");
  console.log("[start] seed loaded");
}

/** @param {string[]} args @param {string} cwd @param {string} what */
function runToEnd(args, cwd, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve(undefined) : reject(new Error(`${what} failed (exit ${code})`))));
  });
}

/** How long a stopping server may take to finish its requests in flight (SHUTDOWN_TIMEOUT_MS, default 8 s). */
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS) || 8_000;

/**
 * Runs the server until it exits, passing on SIGTERM and SIGINT (as PID 1 in a container, or from the
 * test stack), and exits with its status. A stop that was asked for and completed is a success (0):
 * `next start` stops accepting connections, lets the requests in flight finish, then exits with 128 +
 * the signal's number. One that takes longer than SHUTDOWN_TIMEOUT_MS (a hung request) is cut short
 * with SIGKILL and exits 1, well within a container's grace period (Docker's default is 10 s).
 * @param {string[]} args @param {string} cwd
 */
export function serve(args, cwd) {
  const child = spawn(process.execPath, args, { cwd, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  /** @type {NodeJS.Signals | undefined} */
  let stopping;
  for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"]))
    process.on(signal, () => {
      child.kill(signal);
      if (stopping) return;
      stopping = signal;
      setTimeout(() => {
        console.error(`[start] the server did not stop within ${SHUTDOWN_TIMEOUT_MS} ms: killed`);
        child.kill("SIGKILL");
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  child.once("exit", (code, signal) => {
    if (signal === "SIGKILL") process.exit(1);
    const stopped = stopping !== undefined && (signal === stopping || code === 0 || code === 130 || code === 143);
    process.exit(stopped ? 0 : (code ?? (signal ? 1 : 0)));
  });
}

/** @param {string} name @param {string} fallback */
export function setting(name, fallback) {
  return process.env[name] || fallback;
}

/** Runs `main`, turning a failure into one clear line and exit status 1 (no stack trace for a known failure). */
export function run(/** @type {() => Promise<void>} */ main) {
  main().catch((/** @type {Error} */ error) => {
    console.error(`[start] ${error.message}`);
    process.exit(1);
  });
}
