// What the three start scripts share: the repository's tools, `prisma migrate deploy`, the optional
// seed, and running the server as a child that receives this process's signals. Plain Node (no tsx),
// so that a container's CMD and the test stack run the very same file.
// Everything a service prints is a JSON line (packages/log's shape: level, time, service, pid, msg):
// the app's own lines pass through as they are, and any other line (Next.js's banner, Prisma's
// progress, a stack trace Node printed) is wrapped into one, with `source` saying who printed it.
import { spawn } from "node:child_process";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

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
  // Prisma's CLI writes its progress to stderr: not an error (a failed migration is reported below).
  copyAsJsonLines(child, "prisma", "info");
  await new Promise((resolve, reject) => {
    let seen = "";
    let done = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the ${name} migrations did not finish within 120 s:\n${seen.slice(-2000)}`));
    }, 120_000);
    const onData = (/** @type {Buffer} */ chunk) => {
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
  say(`${name} database: migrations applied`);
}

/**
 * The demo users, their mailboxes and the lab's clients (prisma/seed.ts), when SEED=1. It writes both
 * databases, so it needs both URLs and both databases migrated; idempotent.
 */
export async function seedIfAsked() {
  if (process.env.SEED !== "1") return;
  await runToEnd([bin.tsx, "prisma/seed.ts"], root, "the seed");
  say("seed loaded");
}

/** @param {string[]} args @param {string} cwd @param {string} what */
function runToEnd(args, cwd, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const copied = copyAsJsonLines(child, "seed");
    child.once("exit", (code) => {
      void copied.then(() => (code === 0 ? resolve(undefined) : reject(new Error(`${what} failed (exit ${code})`))));
    });
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
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const copied = copyAsJsonLines(child, path.basename(args[0] ?? "") === "next" ? "next" : "node");
  /** @type {NodeJS.Signals | undefined} */
  let stopping;
  for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"]))
    process.on(signal, () => {
      child.kill(signal);
      if (stopping) return;
      stopping = signal;
      setTimeout(() => {
        logLine("error", `the server did not stop within ${SHUTDOWN_TIMEOUT_MS} ms: killed`, "start", process.stderr);
        child.kill("SIGKILL");
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  child.once("exit", (code, signal) => {
    const status =
      signal === "SIGKILL"
        ? 1
        : stopping !== undefined && (signal === stopping || code === 0 || code === 130 || code === 143)
          ? 0
          : (code ?? (signal ? 1 : 0));
    // Its last lines first (bounded: a grandchild may still hold the pipes).
    void Promise.race([copied, new Promise((resolve) => setTimeout(resolve, 500))]).then(() => process.exit(status));
  });
}

/** @param {string} name @param {string} fallback */
export function setting(name, fallback) {
  return process.env[name] || fallback;
}

/**
 * Runs `main` for `name` (the service, as its own log lines name it), turning a failure into one clear
 * line and exit status 1 (no stack trace for a known failure).
 * @param {string} name @param {() => Promise<void>} main
 */
export function run(name, main) {
  service = name;
  main().catch((/** @type {Error} */ error) => {
    logLine("error", error.message, "start", process.stderr);
    process.exit(1);
  });
}

/** The service this process starts (set by `run`). */
let service = "start";

/**
 * One JSON line in packages/log's shape. `source`: who printed it ("start" for this script).
 * @param {"info" | "warn" | "error"} level @param {string} msg @param {string} source
 * @param {NodeJS.WritableStream} [stream]
 */
function logLine(level, msg, source, stream = process.stdout) {
  stream.write(`${JSON.stringify({ level, time: new Date().toISOString(), service, pid: process.pid, source, msg })}\n`);
}

/** @param {string} msg */
function say(msg) {
  logLine("info", msg, "start");
}

/** A warning on stderr: Next.js's "⚠ …", Node's "(node:123) …Warning: …". */
const WARNING = /^(⚠|\(node:\d+\) \w*Warning)/;

/**
 * Copies a child's stdout and stderr to this process's, line by line, as JSON lines: a line that is
 * already one (the app's logger's) as it is, any other non-blank line wrapped by logLine (stdout as
 * "info", stderr as `stderrLevel`, a warning as "warn"), without its terminal colours. Resolves when
 * both streams have ended.
 * @param {import("node:child_process").ChildProcess} child @param {string} source
 * @param {"info" | "error"} [stderrLevel]
 */
function copyAsJsonLines(child, source, stderrLevel = "error") {
  /** @type {[NodeJS.ReadableStream | null, "info" | "error", NodeJS.WritableStream][]} */
  const streams = [
    [child.stdout, "info", process.stdout],
    [child.stderr, stderrLevel, process.stderr],
  ];
  return Promise.all(
    streams.map(
      ([input, level, output]) =>
        new Promise((resolve) => {
          if (!input) return resolve(undefined);
          let rest = "";
          /** @param {string} line */
          const forward = (line) => {
            // The apps' own lines are whole JSON objects (not parsed again here: every request writes one).
            if (line.startsWith("{") && line.endsWith("}")) output.write(`${line}\n`);
            else {
              const text = stripVTControlCharacters(line).trim();
              if (text) logLine(level === "error" && WARNING.test(text) ? "warn" : level, text, source, output);
            }
          };
          input.setEncoding("utf8");
          input.on("data", (/** @type {string} */ chunk) => {
            const lines = (rest + chunk).split("\n");
            rest = lines.pop() ?? "";
            for (const line of lines) forward(line);
          });
          input.once("end", () => {
            if (rest) forward(rest);
            rest = "";
            resolve(undefined);
          });
          input.once("error", () => resolve(undefined));
        }),
    ),
  );
}
