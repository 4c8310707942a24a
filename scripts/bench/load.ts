// The bench's load loop and its measurements: operations per second, latency percentiles, and the CPU
// time the lab's own processes spent (read from /proc, so the load generator's CPU is not counted).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";

/**
 * Bounds of one measurement: it stops at whichever comes first. `warmupSeconds` (default 2) of the same
 * load run first, unmeasured, so that the figures are the servers' steady state, not V8's warm-up: a
 * trivial Next.js route costs about 1.3 ms of CPU per request in its first seconds, 0.85 ms after.
 */
export type Limits = { maxOps: number; maxSeconds: number; warmupSeconds?: number };

export type LoadResult = {
  ops: number;
  errors: number;
  /** The first error's message, to say what went wrong. */
  firstError: string | undefined;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per successful operation, per process group of the lab (see cpuByRole). */
  cpuMsPerOp: Record<string, number>;
};

/** Called right before the measured part starts (after the warm-up) and right after it ends. */
export type MeasurementHooks = { start(): Promise<void>; stop(): Promise<void> };

/**
 * Runs `concurrency` workers, each made by `makeWorker` (its set-up is not timed), until `limits`.
 * Each call of a worker is one operation; its latency is measured from call to resolution.
 */
export async function runLoad(
  concurrency: number,
  limits: Limits,
  makeWorker: (index: number) => Promise<() => Promise<void>>,
  hooks?: MeasurementHooks,
): Promise<LoadResult> {
  const workers = await Promise.all(Array.from({ length: concurrency }, (_, i) => makeWorker(i)));
  const warmUntil = performance.now() + (limits.warmupSeconds ?? 2) * 1000;
  await Promise.all(
    workers.map(async (operation) => {
      while (performance.now() < warmUntil) await operation().catch(() => undefined);
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let started = 0;
  await hooks?.start();
  const cpuBefore = cpuByRole();
  const t0 = performance.now();
  const deadline = t0 + limits.maxSeconds * 1000;
  await Promise.all(
    workers.map(async (operation) => {
      while (started < limits.maxOps && performance.now() < deadline) {
        started++;
        const begin = performance.now();
        try {
          await operation();
          latencies.push(performance.now() - begin);
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuAfter = cpuByRole();
  await hooks?.stop();
  const ops = latencies.length;
  const cpuMsPerOp: Record<string, number> = {};
  for (const [role, ms] of Object.entries(cpuAfter)) {
    const spent = ms - (cpuBefore[role] ?? 0);
    if (spent > 0 && ops > 0) cpuMsPerOp[role] = spent / ops;
  }
  return {
    ops,
    errors,
    firstError,
    seconds,
    perSecond: ops / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuMsPerOp,
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds (user + system) spent so far by this process's descendants, grouped by the app
 * whose folder they run in ("authorization-server", "mail-api", "dashboard") or "other" (the embedded
 * database, the floors). The bench process itself (the load generator) is not a descendant of itself.
 */
export function cpuByRole(): Record<string, number> {
  const parents = new Map<number, number>();
  const stats = new Map<number, { cpuMs: number }>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name (field 2) may contain spaces: parse after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(pid, Number(fields[1]));
      stats.set(pid, { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND });
    } catch {
      /* the process ended meanwhile */
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  const totals: Record<string, number> = {};
  for (const [pid, { cpuMs }] of stats) {
    if (!isDescendant(pid)) continue;
    const role = roleOf(pid);
    totals[role] = (totals[role] ?? 0) + cpuMs;
  }
  return totals;
}

function roleOf(pid: number): string {
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    const app = /\/apps\/([^/]+)/.exec(cwd)?.[1];
    if (app) return app;
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (command.includes("embedded-server")) return "embedded-db";
    if (command.includes(`${path.sep}floor`)) return "floor";
  } catch {
    /* gone */
  }
  return "other";
}
