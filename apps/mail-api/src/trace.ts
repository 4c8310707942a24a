// The mail API's side of the teaching trace: what it checked for one guided flow, readable at
// GET /trace with the flow's capability in the x-flow-trace header. On only in teaching mode.
// It records what the check runner ran; it never makes or changes a decision.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { LIFETIMES, TRACEABLE_CLIENT_IDS, TRACE_CAPABILITY_HEADER, TRACE_LIMITS } from "@oauth-flow-lab/lab";
import { storedTraceEvent, traceEventOf, type ProtocolCheck, type TraceEvent } from "@oauth-flow-lab/oauth";

export type Trace = {
  /**
   * Stores the checks of one request under the capability in its x-flow-trace header, only when
   * `client_id` (from a token whose signature verified) is a traceable teaching client. Never throws;
   * awaited before the response is sent, so that the client reads it right after.
   */
  record(req: IncomingMessage, endpoint: string, checks: readonly ProtocolCheck[], client_id: string | undefined): Promise<void>;
  /** The events stored under this capability, oldest first ([] when there are none). */
  read(capability: string): Promise<TraceEvent[]>;
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
export function createDatabaseTrace(db: TraceDb, options: { now?: () => Date; logError?: (message: string, error: unknown) => void } = {}): Trace {
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const hash = (capability: string) => createHash("sha256").update(capability, "utf8").digest("base64url");
  return {
    async record(req, endpoint, checks, client_id) {
      const header = req.headers[TRACE_CAPABILITY_HEADER];
      if (typeof header !== "string" || !CAPABILITY.test(header) || checks.length === 0) return;
      // Only a traceable teaching client's (signature-verified) token opens a trace: others create nothing.
      if (client_id === undefined || !TRACEABLE_CLIENT_IDS.includes(client_id)) return;
      const traceHash = hash(header);
      const at = now();
      try {
        await db.traceEvent.createMany({
          data: checks.map((c) => ({ traceHash, clientId: client_id, ...storedTraceEvent(c, endpoint, at) })),
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
  };
}
