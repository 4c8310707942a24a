// The servers' side of the story: GET {ISSUER}/trace/{trace_id} and GET {MAIL_API_URL}/trace/{trace_id}.
import "server-only";
import { z } from "zod";
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import type { GuidedContext } from "./context";

export type TraceSource = { kind: "ok"; events: TraceEvent[] } | { kind: "off" } | { kind: "unavailable"; detail: string };

const traceSchema = z.object({
  events: z.array(
    z.object({
      at: z.string(),
      actor: z.enum(["authorization-server", "mail-api"]),
      endpoint: z.string(),
      check: z.string(),
      ok: z.boolean(),
      detail: z.string().optional(),
      rfc: z.string().optional(),
    }),
  ),
});

async function fetchTrace(base: string, trace_id: string): Promise<TraceSource> {
  try {
    const response = await fetch(new URL(`trace/${encodeURIComponent(trace_id)}`, `${base}/`), {
      headers: { accept: "application/json" },
      cache: "no-store",
      signal: AbortSignal.timeout(3_000),
    });
    if (response.status === 404) return { kind: "off" };
    if (!response.ok) return { kind: "unavailable", detail: `HTTP ${response.status}` };
    const parsed = traceSchema.safeParse(await response.json());
    if (!parsed.success) return { kind: "unavailable", detail: "unexpected answer" };
    return { kind: "ok", events: parsed.data.events };
  } catch (error) {
    return { kind: "unavailable", detail: error instanceof Error ? error.message : "network error" };
  }
}

/** Both servers' checks for this flow. Never throws: the page degrades to "trace unavailable". */
export async function fetchServerTraces(trace_id: string, context: Pick<GuidedContext, "issuer" | "mail_api_url">) {
  const [authorizationServer, mailApi] = await Promise.all([fetchTrace(context.issuer, trace_id), fetchTrace(context.mail_api_url, trace_id)]);
  return { authorizationServer, mailApi };
}
