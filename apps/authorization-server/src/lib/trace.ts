// The AS's side of the teaching trace: the checks its runners ran for one guided flow, stored in its
// own database (so it survives a restart and every instance sees it), bounded per flow and in total.
// On only in teaching mode. A flow's trace is reached only through its capability: 256 random bits
// handed to the flow's own client over an authenticated back channel, stored only as a hash, sent in
// the x-flow-trace header and never shown on a page. Unknown clients create nothing.
// Storage failures are logged and swallowed: the trace observes the protocol and never changes it.
import "server-only";
import { LIFETIMES, TRACE_CAPABILITY_HEADER, TRACE_LIMITS, TRACEABLE_CLIENT_IDS } from "@oauth-flow-lab/lab";
import { type CheckLog, type ProtocolCheck, storedTraceEvent, type TraceEvent, traceEventOf } from "@oauth-flow-lab/oauth";
import { env } from "@/env";
import { db } from "@/lib/db";
import { randomToken, sha256 } from "@/lib/random";
import { errorFields, requestLogger } from "./log";

/** A capability is 32 random bytes, base64url: 43 characters. */
const CAPABILITY = /^[A-Za-z0-9_-]{43}$/;

/** Where a request's checks belong: a capability (back channel), or the flow's state and client (front channel). */
export type TraceKey = { kind: "capability"; flowId: string } | { kind: "front"; client_id: string; state_hash: string };

export function teachingMode(): boolean {
  return env().TEACHING_MODE;
}

/** Back channel: the flow's capability in the x-flow-trace header (only in teaching mode). */
export function traceIdFromRequest(request: Request): TraceKey | undefined {
  if (!teachingMode()) return undefined;
  const value = request.headers.get(TRACE_CAPABILITY_HEADER);
  return value !== null && CAPABILITY.test(value) ? { kind: "capability", flowId: sha256(value) } : undefined;
}

/**
 * Front channel (the authorization endpoint, login, consent): the browser carries no capability, so
 * checks join the flow registered for this `state` by this very client, and only for traceable clients.
 */
export async function traceIdFromState(state: string | undefined, client_id: string | undefined): Promise<TraceKey | undefined> {
  if (!teachingMode() || state === undefined || client_id === undefined || !TRACEABLE_CLIENT_IDS.includes(client_id)) return undefined;
  return { kind: "front", client_id, state_hash: sha256(state) };
}

/**
 * Facts an endpoint already has that tell which stored rows belong to the flow (the teaching view of
 * stored rows, GET /trace/rows): the consent knows its interaction and the code it issued, the token
 * endpoint the tokens it issued. Only their hashes or identifiers are used; nothing here is stored.
 */
export type FlowFacts = {
  interaction_id?: string | undefined;
  /** The code just issued (from the redirect URL): its hash names the code row, hence the grant. */
  code?: string | undefined;
  /** The tokens just issued: the refresh token's hash, or the access token's `jti`, name the grant. */
  refresh_token?: string | undefined;
  access_token?: string | undefined;
};

/** A check log for one endpoint call; `flush` stores what was pushed, if the key names a live flow. */
export function checkLog(
  endpoint: string,
): CheckLog & { checks: ProtocolCheck[]; flush: (key: TraceKey | undefined, facts?: FlowFacts) => Promise<void> } {
  const checks: ProtocolCheck[] = [];
  return {
    checks,
    push: (check) => void checks.push(check),
    async flush(key, facts) {
      if (key === undefined || !teachingMode()) return;
      try {
        const flow = await liveFlow(key);
        if (!flow) return;
        if (checks.length > 0) await storeEvents(flow.id, endpoint, checks);
        if (facts) await linkRows(flow, key, facts);
      } catch (error) {
        (await requestLogger()).error(errorFields(error), "trace: could not store events");
      }
    },
  };
}

async function liveFlow(key: TraceKey): Promise<{ id: string; grantId: string | null } | undefined> {
  const select = { id: true, expiresAt: true, grantId: true } as const;
  const flow =
    key.kind === "capability"
      ? await db().traceFlow.findUnique({ where: { id: key.flowId }, select })
      : await db().traceFlow.findUnique({ where: { clientId_stateHash: { clientId: key.client_id, stateHash: key.state_hash } }, select });
  return flow && flow.expiresAt >= new Date() ? flow : undefined;
}

async function storeEvents(flowId: string, endpoint: string, checks: readonly ProtocolCheck[]): Promise<void> {
  const now = new Date();
  await db().traceEvent.createMany({
    data: checks.map((c) => ({ flowId, ...storedTraceEvent(c, endpoint, now) })),
  });
  // Bounded per flow: only the newest events are kept.
  await db().$executeRaw`DELETE FROM trace_events WHERE flow_id = ${flowId} AND id <= (
    SELECT id FROM trace_events WHERE flow_id = ${flowId} ORDER BY id DESC OFFSET ${TRACE_LIMITS.eventsPerFlow} LIMIT 1)`;
}

/**
 * Records which interaction and grant are the flow's. The front channel (anyone who saw the state on
 * the projector can send it) only fills what is still empty; the back channel, which holds the flow's
 * capability, has the last word on the grant.
 */
async function linkRows(flow: { id: string; grantId: string | null }, key: TraceKey, facts: FlowFacts): Promise<void> {
  const grantId = await grantOf(facts);
  const authoritative = key.kind === "capability";
  const data = {
    ...(facts.interaction_id !== undefined && !authoritative ? { interactionId: facts.interaction_id } : {}),
    ...(grantId !== undefined && (authoritative || flow.grantId === null) ? { grantId } : {}),
  };
  if (Object.keys(data).length === 0) return;
  if (authoritative) await db().traceFlow.update({ where: { id: flow.id }, data });
  // First come, first recorded: a second consent under the same state does not take the flow over.
  else await db().traceFlow.updateMany({ where: { id: flow.id, interactionId: null }, data });
}

async function grantOf(facts: FlowFacts): Promise<string | undefined> {
  if (facts.code !== undefined) {
    const code = await db().authorizationCode.findUnique({ where: { codeHash: sha256(facts.code) }, select: { grantId: true } });
    if (code) return code.grantId;
  }
  if (facts.refresh_token !== undefined) {
    const token = await db().refreshToken.findUnique({ where: { tokenHash: sha256(facts.refresh_token) }, select: { grantId: true } });
    if (token) return token.grantId;
  }
  const jti = facts.access_token === undefined ? undefined : jtiOf(facts.access_token);
  if (jti !== undefined) {
    const token = await db().accessToken.findUnique({ where: { jti }, select: { grantId: true } });
    if (token) return token.grantId;
  }
  return undefined;
}

/** The `jti` of an access token this AS has just issued (its own JWT: read, not verified). */
function jtiOf(jwt: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && "jti" in payload && typeof payload.jti === "string" ? payload.jti : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Registers a traced flow for an authenticated traceable client and returns its capability.
 * Expired flows go first; past TRACE_LIMITS.flows the oldest are dropped (bounded in total).
 */
export async function registerTraceFlow(client_id: string, state_hash: string): Promise<string> {
  const capability = randomToken(32);
  const now = new Date();
  await db().traceFlow.deleteMany({ where: { expiresAt: { lt: now } } });
  await db().traceFlow.upsert({
    where: { clientId_stateHash: { clientId: client_id, stateHash: state_hash } },
    // The same state again (a retried start) gets a fresh capability and an empty trace.
    update: {
      id: sha256(capability),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LIFETIMES.guided_flow.seconds * 1000),
      interactionId: null,
      grantId: null,
      events: { deleteMany: {} },
    },
    create: {
      id: sha256(capability),
      clientId: client_id,
      stateHash: state_hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LIFETIMES.guided_flow.seconds * 1000),
    },
  });
  await db().$executeRaw`DELETE FROM trace_flows WHERE id IN (
    SELECT id FROM trace_flows ORDER BY created_at DESC OFFSET ${TRACE_LIMITS.flows})`;
  return capability;
}

/** The events of the flow this capability names, oldest first; undefined when there is no such flow. */
export async function readTrace(capability: string): Promise<TraceEvent[] | undefined> {
  if (!teachingMode() || !CAPABILITY.test(capability)) return undefined;
  const flow = await db().traceFlow.findUnique({
    where: { id: sha256(capability) },
    include: { events: { orderBy: { id: "asc" } } },
  });
  if (!flow || flow.expiresAt < new Date()) return undefined;
  return flow.events.map((e) => traceEventOf(e, "authorization-server"));
}
