// The guided flows in progress, keyed by a random id in an HttpOnly cookie. Only this module knows the
// cookie. They live in the dashboard's state store (lib/state/store.ts): Redis when configured, so any
// instance can continue a flow, otherwise this process's memory. A flow read from the store is a copy:
// whatever changes it must `saveFlow` it again.
import "server-only";
import { randomBytes } from "node:crypto";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { cookies } from "next/headers";
import { env } from "@/env";
import { stateStore } from "@/lib/state/stores";
import type { GuidedFlow } from "./flow";

export const GUIDED_FLOW_COOKIE = "guided_flow";
/** At most 200 flows at once (the oldest is dropped), each for the lab's guided-flow lifetime: anyone may start one. */
const MAX_FLOWS = 200;
const FLOW_TTL_MS = LIFETIMES.guided_flow.seconds * 1000;

const store = stateStore<GuidedFlow>({ name: "guided-flows", maxEntries: MAX_FLOWS, ttlMs: FLOW_TTL_MS });

export function newFlowId(): string {
  return randomBytes(32).toString("base64url");
}

/** Saves the flow as it is now (a new one, or one read and changed by this request). */
export async function saveFlow(flow: GuidedFlow): Promise<void> {
  await store.add(flow.id, flow);
}

export async function endFlow(id: string): Promise<void> {
  await store.delete(id);
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
