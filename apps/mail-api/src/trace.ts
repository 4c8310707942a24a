// The mail API's side of the teaching trace: what it checked for one guided flow, readable at
// GET /trace with the flow's capability in the x-flow-trace header. On only in teaching mode.
// It records what the check runner ran; it never makes or changes a decision.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { LIFETIMES, TRACE_CAPABILITY_HEADER, TRACE_LIMITS, TRACEABLE_CLIENT_IDS } from "@oauth-flow-lab/lab";
import { type ProtocolCheck, storedTraceEvent, type TraceEvent, traceEventOf } from "@oauth-flow-lab/oauth";
import { decodeJwt } from "jose";

export type Trace = {
  /**
   * Stores the checks of one request under the capability in its x-flow-trace header, only when
   * `client_id` (from a token whose signature verified) is a traceable teaching client. Never throws;
   * awaited before the response is sent, so that the client reads it right after.
   */
  record(req: IncomingMessage, endpoint: string, checks: readonly ProtocolCheck[], client_id: string | undefined): Promise<void>;
  /** The events stored under this capability, oldest first ([] when there are none). */
  read(capability: string): Promise<TraceEvent[]>;
  /**
   * The `jti`s of the verified access tokens this flow's requests carried, oldest first; undefined when
   * nothing is stored under this capability (GET /trace/state then answers 404). Optional: a trace
   * without it (a test double) has no state view.
   */
  jtis?(capability: string): Promise<string[] | undefined>;
};

/** The database the trace store needs: the mail API's own Prisma client. */
type TraceDb = Pick<import("@oauth-flow-lab/db/mail").PrismaClient, "traceEvent" | "$executeRaw">;

/** A capability is 32 random bytes, base64url: 43 characters. */
export const CAPABILITY = /^[A-Za-z0-9_-]{43}$/;

/**
 * The trace store, in the mail API's own database (it survives a restart and every instance sees it),
 * keyed by SHA-256 of the capability. Bounded per trace (the newest TRACE_LIMITS.eventsPerFlow) and
 * in time (LIFETIMES.guided_flow). Storage failures are logged and swallowed: the trace only observes.
 */
/** The client recorded for events of a token whose signature did not verify: no client is known. */
export const UNVERIFIED_CLIENT = "(unverified token)";

export type DatabaseTraceOptions = {
  now?: () => Date;
  /** Where a failure to store the events is reported (the app's logger): the trace never fails a request. */
  logError: (message: string, error: unknown) => void;
  /**
   * Whether the AS issued this capability (it answers GET /trace for it). Asked only for a request
   * whose token did not verify and whose flow has no events here yet; absent, such requests are not
   * recorded.
   */
  capabilityIssued?: (capability: string) => Promise<boolean>;
};

export function createDatabaseTrace(db: TraceDb, options: DatabaseTraceOptions): Trace {
  const now = options.now ?? (() => new Date());
  const logError = options.logError;
  const hash = (capability: string) => createHash("sha256").update(capability, "utf8").digest("base64url");
  const traceExists = async (traceHash: string) => (await db.traceEvent.findFirst({ where: { traceHash }, select: { id: true } })) !== null;
  return {
    async record(req, endpoint, checks, client_id) {
      const header = req.headers[TRACE_CAPABILITY_HEADER];
      if (typeof header !== "string" || !CAPABILITY.test(header) || checks.length === 0) return;
      const traceHash = hash(header);
      const at = now();
      const traceable = client_id !== undefined && TRACEABLE_CLIENT_IDS.includes(client_id);
      try {
        // A traceable teaching client's (signature-verified) token opens a trace. A token that did not
        // verify (a forgery, an edited payload) is recorded only into a flow that already exists here,
        // or whose capability the AS confirms it issued: unknown callers create nothing.
        if (!traceable && !(await traceExists(traceHash)) && !(await (options.capabilityIssued?.(header) ?? false))) return;
        const jti = traceable && client_id !== undefined ? verifiedJtiOf(req, client_id) : undefined;
        const clientId = traceable && client_id !== undefined ? client_id : UNVERIFIED_CLIENT;
        await db.traceEvent.createMany({
          data: checks.map((c) => ({ traceHash, clientId, ...storedTraceEvent(c, endpoint, at), ...(jti ? { jti } : {}) })),
        });
        await db.$executeRaw`DELETE FROM trace_events WHERE trace_hash = ${traceHash} AND id <= (
          SELECT id FROM trace_events WHERE trace_hash = ${traceHash} ORDER BY id DESC OFFSET ${TRACE_LIMITS.eventsPerFlow} LIMIT 1)`;
        const expired = new Date(at.getTime() - LIFETIMES.guided_flow.seconds * 1000);
        await db.$executeRaw`DELETE FROM trace_events WHERE at < ${expired}`;
      } catch (error) {
        logError("mail-api: could not store trace events", error);
      }
    },
    async read(capability) {
      if (!CAPABILITY.test(capability)) return [];
      const expired = new Date(now().getTime() - LIFETIMES.guided_flow.seconds * 1000);
      const rows = await db.traceEvent.findMany({ where: { traceHash: hash(capability), at: { gte: expired } }, orderBy: { id: "asc" } });
      return rows.map((e) => traceEventOf(e, "mail-api"));
    },
    async jtis(capability) {
      if (!CAPABILITY.test(capability)) return undefined;
      const expired = new Date(now().getTime() - LIFETIMES.guided_flow.seconds * 1000);
      const rows = await db.traceEvent.findMany({
        where: { traceHash: hash(capability), at: { gte: expired } },
        select: { jti: true },
        orderBy: { id: "asc" },
      });
      if (rows.length === 0) return undefined;
      return [...new Set(rows.flatMap((r) => (r.jti === null ? [] : [r.jti])))];
    },
  };
}

/** Longest `jti` kept: an identifier, not a document. */
const MAX_JTI_LENGTH = 200;

/**
 * The `jti` of the request's bearer token. record() is called with a client_id only once that token's
 * signature verified (app.ts), and the claim is taken only when the same token names the same client.
 */
function verifiedJtiOf(req: IncomingMessage, client_id: string): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) return undefined;
  try {
    const claims = decodeJwt(match[1]);
    return claims.client_id === client_id && typeof claims.jti === "string" && claims.jti.length <= MAX_JTI_LENGTH ? claims.jti : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Asks the AS whether it issued a capability: GET {issuer}/trace answers 200 only for a live flow's
 * capability (404 otherwise, and whenever teaching mode is off there). Positive answers are remembered
 * for the flow's lifetime, in a bounded map, so a run of forged tokens costs the AS one request.
 */
export function capabilityIssuedAt(
  issuer: string,
  fetchImpl: typeof fetch = fetch,
  now: () => number = Date.now,
): (capability: string) => Promise<boolean> {
  const confirmed = new Map<string, number>();
  const MAX_CONFIRMED = 1000;
  // Anyone can send a made-up capability with a bad token: the AS is asked at most this often per
  // second, so the trace can never turn the mail API into an amplifier against the AS.
  const MAX_LOOKUPS_PER_SECOND = 20;
  let window = { second: 0, lookups: 0 };
  return async (capability) => {
    const known = confirmed.get(capability);
    if (known !== undefined && known > now()) return true;
    const second = Math.floor(now() / 1000);
    if (window.second !== second) window = { second, lookups: 0 };
    window.lookups += 1;
    if (window.lookups > MAX_LOOKUPS_PER_SECOND) return false;
    try {
      const response = await fetchImpl(new URL("trace", `${issuer}/`), {
        headers: { [TRACE_CAPABILITY_HEADER]: capability, accept: "application/json" },
        redirect: "error",
        signal: AbortSignal.timeout(3000),
      });
      await response.body?.cancel();
      if (response.status !== 200) return false;
      if (confirmed.size >= MAX_CONFIRMED) confirmed.clear();
      confirmed.set(capability, now() + LIFETIMES.guided_flow.seconds * 1000);
      return true;
    } catch {
      return false;
    }
  };
}
