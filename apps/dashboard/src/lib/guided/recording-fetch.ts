// A fetch that writes down what it sent and received, for the transcript, and names the flow to the
// servers' trace side channel. It observes; the request itself is unchanged apart from that header.
import { TRACE_HEADER } from "@oauth-flow-lab/oauth";
import type { GuidedFlow } from "./flow";
import type { GuidedStepId } from "./steps";
import type { Exchange } from "./transcript";

/** Hop-by-hop noise that teaches nothing. */
const SKIPPED_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "vary"]);

function headerRecord(headers: Headers, skip: Set<string> = new Set()): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!skip.has(name)) record[name] = value;
  });
  return record;
}

/** Records every request made through it as a back-channel exchange of `step` in `flow`. */
export function recordingFetch(flow: GuidedFlow, step: GuidedStepId): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const headers = new Headers(init?.headers);
    headers.set(TRACE_HEADER, flow.trace_id);
    const body = typeof init?.body === "string" ? init.body : undefined;
    const exchange: Exchange = {
      step,
      channel: "back",
      at: new Date().toISOString(),
      request: { method, url, headers: headerRecord(headers), body },
    };
    flow.transcript.push(exchange);
    try {
      const response = await fetch(input, { ...init, headers });
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
