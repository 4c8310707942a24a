// The servers' side of the story, teaching only. A flow's trace is opened once, when the flow starts
// (POST {ISSUER}/trace as the guided client), and read with the capability it returns (GET /trace
// at the AS and at the mail API, capability in the x-flow-trace header). Not part of the protocol: these
// requests never appear in the transcript, and the capability is never shown, exported or logged.
import "server-only";
import { createHash } from "node:crypto";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import { z } from "zod";
import { clientAuthentication, clientMetadata } from "@/lib/oauth-client/client";
import { withRequestId } from "../request-id";
import type { GuidedContext } from "./context";

export type TraceSource =
  | { kind: "ok"; events: TraceEvent[] }
  | { kind: "off" }
  /** The flow has no capability: opening its trace failed when it started. */
  | { kind: "none" }
  | { kind: "unavailable"; detail: string };

const capabilitySchema = z.object({ trace_id: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/**
 * Opens this flow's trace at the AS: `POST {ISSUER}/trace`, authenticated as the guided client
 * (`client_secret_basic`, RFC 6749 §2.3.1, encoded by oauth4webapi), with BASE64URL(SHA-256(state)).
 * Returns the capability, or undefined when the AS refuses (teaching mode off, bad credentials) or
 * cannot be reached: the flow then goes on without server traces.
 */
export async function openFlowTrace(state: string, context: Pick<GuidedContext, "as" | "client" | "issuer">): Promise<string | undefined> {
  const body = new URLSearchParams({ state_hash: createHash("sha256").update(state).digest("base64url") });
  const headers = new Headers({ accept: "application/json", "content-type": "application/x-www-form-urlencoded;charset=UTF-8" });
  try {
    await clientAuthentication(context.client)(context.as, clientMetadata(context.client.client_id), body, headers);
    const response = await fetch(new URL("trace", `${context.issuer}/`), {
      method: "POST",
      headers: await withRequestId(Object.fromEntries(headers)),
      body,
      cache: "no-store",
      signal: AbortSignal.timeout(3_000),
    });
    if (response.status !== 201) return undefined;
    const parsed = capabilitySchema.safeParse(await response.json());
    return parsed.success ? parsed.data.trace_id : undefined;
  } catch {
    return undefined;
  }
}

const traceSchema = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actor: z.enum(["authorization-server", "mail-api"]),
      endpoint: z.string(),
      check: z.string(),
      ok: z.boolean(),
      detail: z.string().optional(),
      rfc: z.string().optional(),
      cached: z.object({ age_seconds: z.number().nonnegative() }).optional(),
    }),
  ),
});

async function fetchTrace(base: string, capability: string): Promise<TraceSource> {
  try {
    const response = await fetch(new URL("trace", `${base}/`), {
      headers: await withRequestId({ accept: "application/json", [TRACE_CAPABILITY_HEADER]: capability }),
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
export async function fetchServerTraces(
  capability: string | undefined,
  context: Pick<GuidedContext, "issuer" | "mail_api_url">,
): Promise<{ authorizationServer: TraceSource; mailApi: TraceSource }> {
  if (capability === undefined) return { authorizationServer: { kind: "none" }, mailApi: { kind: "none" } };
  const [authorizationServer, mailApi] = await Promise.all([
    fetchTrace(context.issuer, capability),
    fetchTrace(context.mail_api_url, capability),
  ]);
  return { authorizationServer, mailApi };
}
