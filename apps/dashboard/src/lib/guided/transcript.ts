// What crossed the wire during one guided flow, and how it is shown and exported without the
// client secret. Pure: no I/O, so that masking can be tested.
import type { GuidedStepId } from "./steps";

export type HttpRequestRecord = { method: string; url: string; headers: Record<string, string>; body?: string | undefined };
export type HttpResponseRecord = { status: number; headers: Record<string, string>; body?: string | undefined };

/** One HTTP exchange: through the browser (front channel) or server to server (back channel). */
export type Exchange = {
  step: GuidedStepId;
  channel: "front" | "back";
  request: HttpRequestRecord;
  /** Absent when the client never sees the answer (the browser's GET /authorize goes to the AS). */
  response?: HttpResponseRecord | undefined;
  /** ISO 8601, when the request was sent. */
  at: string;
  /** Set when the request failed before any response (network error, timeout). */
  error?: string | undefined;
};

/** A check the client (this dashboard) made itself, e.g. "state matches". */
export type ClientCheck = { step: GuidedStepId; check: string; ok: boolean; detail?: string | undefined; rfc?: string | undefined };

export const MASK = "••••••••";

/**
 * `Basic ZGFz…`: keeps only the base64 characters that encode the (public) client_id, so nothing of
 * the secret shows. RFC 6749 §2.3.1: the credentials are `client_id:client_secret`, base64-encoded.
 */
export function maskAuthorization(value: string, client_id: string): string {
  const match = /^Basic\s+(\S+)$/i.exec(value);
  if (!match) return value;
  // Every 3 bytes of input become 4 characters: show only whole groups inside the client_id.
  const visible = Math.min(Math.floor(Buffer.byteLength(client_id, "utf8") / 3) * 4, 12);
  return `Basic ${(match[1] ?? "").slice(0, visible)}…${MASK}`;
}

/** Every spelling of the secret that could appear in a request: raw, form-encoded, and as Basic credentials. */
function secretSpellings(client: { client_id: string; client_secret: string }): string[] {
  const form = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  const basic = Buffer.from(`${form(client.client_id)}:${form(client.client_secret)}`, "utf8").toString("base64");
  return [...new Set([basic, client.client_secret, form(client.client_secret), encodeURIComponent(client.client_secret)])]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
}

/** Replaces every spelling of the client secret in `text` by the mask. */
export function maskSecret(text: string, client: { client_id: string; client_secret: string }): string {
  let masked = text;
  for (const spelling of secretSpellings(client)) masked = masked.split(spelling).join(MASK);
  return masked;
}

function maskHeaders(headers: Record<string, string>, client: { client_id: string; client_secret: string }): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      name.toLowerCase() === "authorization" && /^Basic\s/i.test(value)
        ? maskAuthorization(value, client.client_id)
        : maskSecret(value, client),
    ]),
  );
}

/** An exchange as it may be shown or exported: the client secret masked everywhere, tokens kept. */
export function maskExchange(exchange: Exchange, client: { client_id: string; client_secret: string }): Exchange {
  const body = (b: string | undefined) => (b === undefined ? undefined : maskSecret(b, client));
  return {
    ...exchange,
    request: {
      ...exchange.request,
      url: maskSecret(exchange.request.url, client),
      headers: maskHeaders(exchange.request.headers, client),
      body: body(exchange.request.body),
    },
    response: exchange.response && {
      ...exchange.response,
      headers: maskHeaders(exchange.response.headers, client),
      body: body(exchange.response.body),
    },
  };
}

export type TranscriptExport = {
  format: "oauth-flow-lab/guided-transcript";
  version: 1;
  exported_at: string;
  client_id: string;
  /** The prepared values of step 1 (the student's own flow: no reason to hide them). */
  flow: { state: string; nonce: string; code_verifier: string; code_challenge: string; code_challenge_method: "S256" };
  client_checks: ClientCheck[];
  exchanges: Exchange[];
};

/**
 * The transcript download: every exchange in order, tokens included (it is the student's own flow),
 * the client secret never, the trace capability never (belt and braces: the whole document is masked
 * once more at the end; the recording fetch already recorded the capability as a placeholder).
 */
export function exportTranscript(
  flow: {
    state: string;
    nonce: string;
    code_verifier: string;
    code_challenge: string;
    trace_capability?: string | undefined;
    transcript: readonly Exchange[];
    checks: readonly ClientCheck[];
  },
  client: { client_id: string; client_secret: string },
  now: Date = new Date(),
): string {
  const document: TranscriptExport = {
    format: "oauth-flow-lab/guided-transcript",
    version: 1,
    exported_at: now.toISOString(),
    client_id: client.client_id,
    flow: {
      state: flow.state,
      nonce: flow.nonce,
      code_verifier: flow.code_verifier,
      code_challenge: flow.code_challenge,
      code_challenge_method: "S256",
    },
    client_checks: [...flow.checks],
    exchanges: flow.transcript.map((e) => maskExchange(e, client)),
  };
  const json = maskSecret(JSON.stringify(document, null, 2), client);
  return flow.trace_capability ? json.split(flow.trace_capability).join(MASK) : json;
}
