// The teaching trace at the AS (teaching mode only; 404 otherwise, as if it did not exist).
//   POST /trace  a traceable client, authenticated, registers a flow by BASE64URL(SHA-256(state)) and
//                gets its capability: {"trace_id"}. Unknown or other clients create nothing.
//   GET  /trace  with the capability in x-flow-trace: {"events"}, what the AS's check runners ran.

import { TRACE_CAPABILITY_HEADER, TRACEABLE_CLIENT_IDS } from "@oauth-flow-lab/lab";
import { InvalidClient, InvalidRequest } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { jsonEndpoint, jsonResponse } from "@/lib/http";
import { readTrace, registerTraceFlow, teachingMode } from "@/lib/trace";
import { authenticateClient, readClientCredentials } from "@/protocol/client-authentication";
import { readFormBody, readParameters } from "@/protocol/parameters";

export const dynamic = "force-dynamic";

const notFound = () => jsonResponse({ error: "not_found" }, 404);
const STATE_HASH = /^[A-Za-z0-9_-]{43}$/;

export async function GET(request: Request) {
  return jsonEndpoint(async () => {
    if (!teachingMode()) return notFound();
    const events = await readTrace(request.headers.get(TRACE_CAPABILITY_HEADER) ?? "");
    return events === undefined ? notFound() : jsonResponse({ events });
  }, request);
}

export async function POST(request: Request) {
  if (!teachingMode()) return notFound();
  return jsonEndpoint(async () => {
    const body = await readFormBody(request);
    const client = await authenticateClient(db(), readClientCredentials(request, body), new Date());
    if (!TRACEABLE_CLIENT_IDS.includes(client.id)) throw new InvalidClient("this client may not register traced flows");
    const { state_hash } = readParameters(body, ["state_hash", "client_id", "client_secret"] as const);
    if (state_hash === undefined || !STATE_HASH.test(state_hash)) throw new InvalidRequest("state_hash must be BASE64URL(SHA-256(state))");
    return jsonResponse({ trace_id: await registerTraceFlow(client.id, state_hash) }, 201);
  }, request);
}
