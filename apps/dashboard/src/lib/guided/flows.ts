// The guided flows in progress: an in-memory Map in the dashboard process, keyed by a random id in
// an HttpOnly cookie. Only this module knows the cookie.
import "server-only";
import { randomBytes } from "node:crypto";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { cookies } from "next/headers";
import { env } from "@/env";
import type { GuidedFlow } from "./flow";
import { createFlowStore, type FlowStore } from "./flow-store";

export const GUIDED_FLOW_COOKIE = "guided_flow";
/** At most 200 flows at once (the oldest is dropped), each for the lab's guided-flow lifetime: anyone may start one. */
const MAX_FLOWS = 200;
const FLOW_TTL_MS = LIFETIMES.guided_flow.seconds * 1000;

// Kept on globalThis: Next may load this module once per route bundle, and the pages, the callback
// and the action handlers must all see the same flows.
const KEY = Symbol.for("maildash.guided.flows");
const holder = globalThis as typeof globalThis & { [KEY]?: FlowStore<GuidedFlow> };
const store: FlowStore<GuidedFlow> = (holder[KEY] ??= createFlowStore<GuidedFlow>({ maxFlows: MAX_FLOWS, ttlMs: FLOW_TTL_MS }));

export function newFlowId(): string {
  return randomBytes(32).toString("base64url");
}

export function saveFlow(flow: GuidedFlow): void {
  store.add(flow.id, flow);
}

export function endFlow(id: string): void {
  store.delete(id);
}

/** The flow of the browser making this request, if it has one that is still alive. */
export async function currentFlow(): Promise<GuidedFlow | undefined> {
  const id = (await cookies()).get(GUIDED_FLOW_COOKIE)?.value;
  return id ? store.get(id) : undefined;
}

/** HttpOnly (no script reads it), SameSite=Lax (sent on the AS's top-level redirect back, not on cross-site POSTs). */
export function flowCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().NEXTAUTH_URL.startsWith("https:"),
    path: "/guided",
    maxAge: FLOW_TTL_MS / 1000,
  };
}
