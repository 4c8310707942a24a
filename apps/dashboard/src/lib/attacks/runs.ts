// The attack runs of each browser: an in-memory, bounded store in the dashboard process, keyed by a
// random id in an HttpOnly cookie (like the guided flows). A browser keeps its latest run per scenario.
import "server-only";
import { randomBytes } from "node:crypto";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { cookies } from "next/headers";
import { env } from "@/env";
import { createFlowStore, type FlowStore } from "@/lib/guided/flow-store";
import type { AttackRun } from "./types";

export const ATTACK_RUNS_COOKIE = "attack_runs";
/** At most 200 browsers at once (the oldest is dropped), each for the lab's guided-flow lifetime. */
const MAX_BROWSERS = 200;
const TTL_MS = LIFETIMES.guided_flow.seconds * 1000;

export type BrowserRuns = { id: string; runs: Map<string, AttackRun> };

const KEY = Symbol.for("maildash.attacks.runs");
const holder = globalThis as typeof globalThis & { [KEY]?: FlowStore<BrowserRuns> };
const store: FlowStore<BrowserRuns> = (holder[KEY] ??= createFlowStore<BrowserRuns>({ maxFlows: MAX_BROWSERS, ttlMs: TTL_MS }));

/** This browser's runs, if it has any. */
export async function currentRuns(): Promise<BrowserRuns | undefined> {
  const id = (await cookies()).get(ATTACK_RUNS_COOKIE)?.value;
  return id ? store.get(id) : undefined;
}

/** Keeps `run` as this browser's latest run of its scenario; returns the cookie id to set. */
export function keepRun(existing: BrowserRuns | undefined, run: AttackRun): BrowserRuns {
  const browser = existing ?? { id: randomBytes(32).toString("base64url"), runs: new Map<string, AttackRun>() };
  browser.runs.set(run.scenario, run);
  store.add(browser.id, browser);
  return browser;
}

/** "Reset": forgets this browser's run of one scenario. */
export function forgetRun(existing: BrowserRuns | undefined, scenario: string): void {
  existing?.runs.delete(scenario);
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
