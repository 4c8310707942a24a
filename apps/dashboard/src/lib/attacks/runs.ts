// The attack runs of each browser, keyed by a random id in an HttpOnly cookie (like the guided flows),
// in the dashboard's state store (lib/state/store.ts): Redis when configured, otherwise this process's
// memory. A browser keeps its latest run per scenario.
import "server-only";
import { randomBytes } from "node:crypto";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { cookies } from "next/headers";
import { env } from "@/env";
import { stateStore } from "@/lib/state/stores";
import type { AttackRun } from "./types";

export const ATTACK_RUNS_COOKIE = "attack_runs";
/** At most 200 browsers at once (the oldest is dropped), each for the lab's guided-flow lifetime. */
const MAX_BROWSERS = 200;
const TTL_MS = LIFETIMES.guided_flow.seconds * 1000;

export type BrowserRuns = { id: string; runs: Map<string, AttackRun> };

const store = stateStore<BrowserRuns>({
  name: "attack-runs",
  maxEntries: MAX_BROWSERS,
  ttlMs: TTL_MS,
  // JSON has no Map: the runs are stored as [scenario, run] pairs.
  codec: {
    encode: (browser) => ({ id: browser.id, runs: [...browser.runs] }),
    decode: (json) => {
      const { id, runs } = json as { id: string; runs: [string, AttackRun][] };
      return { id, runs: new Map(runs) };
    },
  },
});

/** This browser's runs, if it has any. */
export async function currentRuns(): Promise<BrowserRuns | undefined> {
  const id = (await cookies()).get(ATTACK_RUNS_COOKIE)?.value;
  return id ? store.get(id) : undefined;
}

/** Keeps `run` as this browser's latest run of its scenario; returns the browser's runs (its id is the cookie). */
export async function keepRun(existing: BrowserRuns | undefined, run: AttackRun): Promise<BrowserRuns> {
  const browser = existing ?? { id: randomBytes(32).toString("base64url"), runs: new Map<string, AttackRun>() };
  browser.runs.set(run.scenario, run);
  await store.add(browser.id, browser);
  return browser;
}

/** "Reset": forgets this browser's run of one scenario. */
export async function forgetRun(existing: BrowserRuns | undefined, scenario: string): Promise<void> {
  if (!existing?.runs.delete(scenario)) return;
  await store.add(existing.id, existing);
}

/** HttpOnly (no script reads it), SameSite=Lax, only under /attacks. */
export function runsCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().NEXTAUTH_URL.startsWith("https:"),
    path: "/attacks",
    maxAge: TTL_MS / 1000,
  };
}
