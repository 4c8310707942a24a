// The guided flow's fetch, handed to oauth4webapi as its `customFetch`: it writes down exactly what
// the library sent and received, for the transcript. It also names the flow to the servers' trace
// (the x-flow-trace header, teaching only), and records that header's value as a placeholder: the
// capability is this flow's private key to its trace and must never be shown. Pure (fetch injected).
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import type { GuidedStepId } from "./steps";
import type { Exchange } from "./transcript";

/** What the transcript shows instead of the trace capability. */
export const TRACE_CAPABILITY_PLACEHOLDER = "(this flow's private trace capability, hidden)";

/** Hop-by-hop noise that teaches nothing. */
const SKIPPED_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "vary"]);

function headerRecord(headers: Headers, skip: ReadonlySet<string> = new Set()): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!skip.has(name)) record[name] = value;
  });
  return record;
}

/** The body as it goes on the wire: oauth4webapi sends form bodies as URLSearchParams. */
function bodyText(body: BodyInit | null | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  return "(binary body, not recorded)";
}

export type RecordingTarget = {
  transcript: Exchange[];
  /** Sent as x-flow-trace on every request, recorded only as TRACE_CAPABILITY_PLACEHOLDER. */
  trace_capability?: string | undefined;
};

/**
 * A fetch that records every request made through it as a back-channel exchange of `step` in
 * `flow.transcript`, with the response as received (the body read from a clone: the library still
 * reads the original).
 */
export function recordingFetch(flow: RecordingTarget, step: GuidedStepId, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const headers = new Headers(init?.headers);
    const recordedHeaders = headerRecord(headers);
    if (flow.trace_capability !== undefined) {
      headers.set(TRACE_CAPABILITY_HEADER, flow.trace_capability);
      recordedHeaders[TRACE_CAPABILITY_HEADER] = TRACE_CAPABILITY_PLACEHOLDER;
    } else {
      delete recordedHeaders[TRACE_CAPABILITY_HEADER];
      headers.delete(TRACE_CAPABILITY_HEADER);
    }
    const exchange: Exchange = {
      step,
      channel: "back",
      at: new Date().toISOString(),
      request: { method, url, headers: recordedHeaders, body: bodyText(init?.body) },
    };
    flow.transcript.push(exchange);
    try {
      const response = await inner(input, { ...init, headers });
      exchange.response = {
        status: response.status,
        headers: headerRecord(response.headers, SKIPPED_RESPONSE_HEADERS),
        body: await response.clone().text(),
      };
      return response;
    } catch (error) {
      exchange.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
}
