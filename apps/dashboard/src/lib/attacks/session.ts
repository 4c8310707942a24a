// One attack run's machinery: a fresh login request and its trace capability, the victim's scripted
// browser, and `observe`, which records every exchange of one action (through the guided recording
// fetch, with the x-flow-trace header) and reads, with the run's capability, the trace events the
// servers wrote meanwhile. The verdicts are computed from those events, never asserted here.
import "server-only";
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import * as oauth from "oauth4webapi";
import { recordingFetch } from "@/lib/guided/recording-fetch";
import type { GuidedStepId } from "@/lib/guided/steps";
import { fetchServerTraces, openFlowTrace, type TraceSource } from "@/lib/guided/trace";
import { type Exchange, MASK, maskExchange, maskSecret } from "@/lib/guided/transcript";
import {
  buildAuthorizationUrl,
  type PreparedAuthorizationRequest,
  prepareAuthorizationRequest,
} from "@/lib/oauth-client/authorization-request";
import { validateAuthorizationResponse } from "@/lib/oauth-client/authorization-response";
import type { ConfidentialClient } from "@/lib/oauth-client/client";
import { exchangeAuthorizationCode } from "@/lib/oauth-client/code-exchange";
import { type Http, requestOptions } from "@/lib/oauth-client/http";
import type { AttackContext } from "./lab";
import type { SeedStep, ServerAnswer, SideRecord } from "./types";
import { ScriptedUserAgent } from "./user-agent";
import { answerOfResponse } from "./verdict";

export type AttackSession = {
  ctx: AttackContext;
  step: GuidedStepId;
  /** The run's login request: its `state` names the trace at the AS's front channel. */
  prepared: PreparedAuthorizationRequest;
  /** The run's trace capability: sent in x-flow-trace, never recorded, shown or exported. */
  capability: string | undefined;
  /** The victim's browser (alice's LabMail session lives in it). */
  browser: ScriptedUserAgent;
  /** Where the browser's exchanges land until `observe` collects them. */
  frontChannel: Exchange[];
};

const STEP_IDS: Record<SeedStep, GuidedStepId> = { 1: "1", 2: "2", 3: "3", 4: "4", 5: "5", 6: "6" };

/** A new run: fresh state, nonce and PKCE pair from the client core, and a trace registered for them. */
export async function openAttackSession(ctx: AttackContext, step: SeedStep): Promise<AttackSession> {
  const prepared = await prepareAuthorizationRequest();
  const capability = await openFlowTrace(prepared.state, ctx);
  const frontChannel: Exchange[] = [];
  return {
    ctx,
    step: STEP_IDS[step],
    prepared,
    capability,
    frontChannel,
    browser: new ScriptedUserAgent(ctx.issuer, frontChannel, STEP_IDS[step]),
  };
}

function eventsOf(source: TraceSource): TraceEvent[] {
  return source.kind === "ok" ? source.events : [];
}

async function traceEvents(session: AttackSession): Promise<{ as: TraceEvent[]; mail: TraceEvent[] }> {
  const sources = await fetchServerTraces(session.capability, session.ctx);
  return { as: eventsOf(sources.authorizationServer), mail: eventsOf(sources.mailApi) };
}

/**
 * An exchange as a run keeps it: every client secret the lab knows masked (the Basic header shows only
 * the part that encodes its client_id), so no secret is ever stored in a run, let alone exported.
 */
export function maskForRun(exchange: Exchange, secrets: readonly { client_id: string; client_secret: string }[]): Exchange {
  const authorization = exchange.request.headers["authorization"];
  const basicOwner = authorization ? basicClientId(authorization) : undefined;
  const owner = secrets.find((s) => s.client_id === basicOwner);
  let masked = owner ? maskExchange(exchange, owner) : exchange;
  if (authorization && /^Basic\s/i.test(authorization) && !owner) {
    masked = { ...masked, request: { ...masked.request, headers: { ...masked.request.headers, authorization: `Basic ${MASK}` } } };
  }
  let json = JSON.stringify(masked);
  for (const secret of secrets) json = maskSecret(json, secret);
  return JSON.parse(json) as Exchange;
}

function basicClientId(value: string): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(value);
  if (!match?.[1]) return undefined;
  const raw = Buffer.from(match[1], "base64").toString("utf8");
  const colon = raw.indexOf(":");
  if (colon < 0) return undefined;
  try {
    return decodeURIComponent(raw.slice(0, colon).replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

export type Io = {
  /** The recording fetch: hand it to oauth4webapi (`Http`) or call it directly. */
  http: Http;
  fetch: typeof fetch;
  /** Every exchange of this action so far (the answer is usually read from the last one). */
  exchanges: Exchange[];
  /** A recorder of its own inside this action (for requests sent in parallel): its exchanges count here too. */
  fork(): Io;
};

/**
 * Runs one action and records it: its back-channel requests through the recording fetch (carrying the
 * run's trace capability when `traced`), the victim's browser's requests, and the trace events the
 * servers wrote while it ran. `action` returns the server's answer, read from what came back.
 */
export async function observe(
  session: AttackSession,
  action: (io: Io) => Promise<ServerAnswer>,
  options: { traced?: boolean } = {},
): Promise<SideRecord> {
  const traced = options.traced ?? true;
  const before = traced ? await traceEvents(session) : { as: [], mail: [] };
  const all: Exchange[][] = [session.frontChannel];
  const recorder = (): Io => {
    const target = { transcript: [] as Exchange[], trace_capability: traced ? session.capability : undefined };
    all.push(target.transcript);
    const fetch = recordingFetch(target, session.step);
    return {
      http: { fetch, timeoutMs: 8_000 },
      fetch,
      get exchanges() {
        return [...target.transcript];
      },
      fork: recorder,
    };
  };
  session.frontChannel.length = 0;
  const own = recorder();
  const io: Io = {
    ...own,
    get exchanges() {
      return all.flat().sort((a, b) => a.at.localeCompare(b.at));
    },
  };
  let answer: ServerAnswer;
  try {
    answer = await action(io);
  } catch (error) {
    answer = { kind: "no-answer", detail: error instanceof Error ? error.message : String(error) };
  }
  const exchanges = io.exchanges.map((e) => maskForRun(e, session.ctx.secrets()));
  session.frontChannel.length = 0;
  if (!traced) return { exchanges, answer, events: [] };
  const after = await traceEvents(session);
  const events = [...after.as.slice(before.as.length), ...after.mail.slice(before.mail.length)].sort((a, b) => a.at.localeCompare(b.at));
  return { exchanges, answer, events };
}

/** The answer of the last exchange that got one, judged by `accepted` for a 2xx. */
export function lastAnswer(io: Io, accepted: (body: unknown) => string, options: { missingOn404?: boolean } = {}): ServerAnswer {
  const last = io.exchanges.findLast((e) => e.response !== undefined || e.error !== undefined);
  if (!last) return { kind: "no-answer", detail: "no request was sent" };
  if (!last.response) return { kind: "no-answer", detail: last.error ?? "no response" };
  return answerOfResponse(last.response, accepted, options);
}

export type SignIn = { record: SideRecord; callback: URLSearchParams | undefined };

/**
 * The victim signs in: the guided client's authorization request (RFC 6749 §4.1.1, built by the client
 * core) with `overrides` applied (undefined deletes a parameter), alice's login and consent in the
 * scripted browser, and the client core's checks of the response (state, iss: RFC 9207 §2.4).
 */
export async function signInVictim(session: AttackSession, overrides: Record<string, string | undefined> = {}): Promise<SignIn> {
  const { ctx, prepared } = session;
  const url = buildAuthorizationUrl(
    ctx.as,
    { client_id: ctx.client.client_id, redirect_uri: ctx.redirect_uri, scope: ctx.scope, prompt: "consent" },
    prepared,
  );
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  let callback: URLSearchParams | undefined;
  const record = await observe(session, async () => {
    const outcome = await session.browser.authorize(url, ctx.victim);
    if (outcome.kind === "page") return { kind: "refused", status: outcome.status, error_description: outcome.detail };
    const parameters = outcome.location.searchParams;
    if (!outcome.location.href.startsWith(ctx.redirect_uri))
      return { kind: "no-answer", detail: `sent to ${outcome.location.origin}${outcome.location.pathname}` };
    const error = parameters.get("error");
    if (error !== null) {
      return { kind: "refused", status: 303, error, error_description: parameters.get("error_description") ?? undefined };
    }
    callback = validateAuthorizationResponse(ctx.as, ctx.client.client_id, parameters, prepared.state);
    return { kind: "accepted", status: 303, summary: "an authorization code, back at the client's redirect_uri" };
  });
  return { record, callback };
}

export type Tokens = oauth.TokenEndpointResponse;

const tokensSummary = (body: unknown): string => {
  const b = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const parts = ["access_token", "refresh_token", "id_token"].filter((k) => typeof b[k] === "string");
  return `tokens issued: ${parts.join(", ")}${typeof b["scope"] === "string" ? ` (scope "${b["scope"]}")` : ""}`;
};

/**
 * RFC 6749 §4.1.3: redeems a code through the client core (oauth4webapi), by default exactly as the
 * victim's client would; `as` overrides the client, redirect_uri or verifier for the attack.
 */
export async function redeemCode(
  session: AttackSession,
  callback: URLSearchParams,
  as: { client?: ConfidentialClient; redirect_uri?: string; code_verifier?: string } = {},
): Promise<{ record: SideRecord; tokens: Tokens | undefined }> {
  let tokens: Tokens | undefined;
  const record = await observe(session, (io) => redeemWith(session, callback, as, io, (t) => (tokens = t)));
  return { record, tokens };
}

/** The body of redeemCode, for callers that observe several requests as one action (parallel redemptions). */
export async function redeemWith(
  session: AttackSession,
  callback: URLSearchParams,
  as: { client?: ConfidentialClient; redirect_uri?: string; code_verifier?: string },
  io: Io,
  onTokens: (tokens: Tokens) => void = () => undefined,
): Promise<ServerAnswer> {
  const { ctx, prepared } = session;
  const mineIo = io.fork();
  try {
    const { tokens } = await exchangeAuthorizationCode(
      ctx.as,
      {
        client: as.client ?? ctx.client,
        callback,
        redirect_uri: as.redirect_uri ?? ctx.redirect_uri,
        code_verifier: as.code_verifier ?? prepared.code_verifier,
        nonce: prepared.nonce,
      },
      mineIo.http,
    );
    onTokens(tokens);
  } catch {
    // The answer is read from the wire below: the AS's own words, not the library's summary.
  }
  const mine = mineIo.exchanges.findLast((e) => e.request.url === ctx.as.token_endpoint);
  if (!mine?.response) return { kind: "no-answer", detail: mine?.error ?? "no token response" };
  return answerOfResponse(mine.response, tokensSummary);
}

/**
 * RFC 6749 §6: a refresh through oauth4webapi, with `scope` when the attack asks for one (the client
 * core's refresh never sends it: it keeps the granted scope).
 */
export async function refreshTokens(
  session: AttackSession,
  refresh_token: string,
  scope?: string,
): Promise<{ record: SideRecord; tokens: Tokens | undefined }> {
  const { ctx } = session;
  let tokens: Tokens | undefined;
  const record = await observe(session, async (io) => {
    const client: oauth.Client = { client_id: ctx.client.client_id };
    try {
      const response = await oauth.refreshTokenGrantRequest(
        ctx.as,
        client,
        oauth.ClientSecretBasic(ctx.client.client_secret),
        refresh_token,
        {
          ...(scope !== undefined ? { additionalParameters: { scope } } : {}),
          ...requestOptions(ctx.issuer, io.http),
        },
      );
      tokens = await oauth.processRefreshTokenResponse(ctx.as, client, response);
    } catch {
      // Read from the wire below.
    }
    return lastAnswer(io, tokensSummary);
  });
  return { record, tokens };
}

const mailboxSummary = (body: unknown): string => {
  const b = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (Array.isArray(b["messages"])) return `a mailbox: ${b["messages"].length} message${b["messages"].length === 1 ? "" : "s"}`;
  if (typeof b["id"] === "string") return `message ${b["id"]} created`;
  return "a 2xx answer";
};

/**
 * RFC 6750 §2.1: a request to the mail API with `Authorization: Bearer <token>`, through oauth4webapi's
 * `protectedResourceRequest`. `path` is the real API's (/v1/messages) or the naive twin's.
 */
export async function callMailApi(
  session: AttackSession,
  access_token: string,
  request: { method?: "GET" | "POST"; path?: string; body?: unknown; traced?: boolean; missingOn404?: boolean } = {},
): Promise<SideRecord> {
  const { ctx } = session;
  const url = new URL((request.path ?? "/v1/messages").replace(/^\//, ""), `${ctx.mail_api_url}/`);
  if ((request.method ?? "GET") === "GET") url.searchParams.set("limit", "3");
  return observe(
    session,
    async (io) => {
      const headers = new Headers({ accept: "application/json" });
      let body: string | null = null;
      if (request.body !== undefined) {
        headers.set("content-type", "application/json");
        body = JSON.stringify(request.body);
      }
      try {
        await oauth.protectedResourceRequest(access_token, request.method ?? "GET", url, headers, body, requestOptions(url.href, io.http));
      } catch (error) {
        // A refusal (401/403 with WWW-Authenticate, RFC 6750 §3) is an answer: read from the wire below.
        if (!(error instanceof oauth.WWWAuthenticateChallengeError)) {
          const last = io.exchanges.at(-1);
          if (!last?.response) throw error;
        }
      }
      return lastAnswer(io, mailboxSummary, { missingOn404: request.missingOn404 ?? false });
    },
    { traced: request.traced ?? true },
  );
}

/** Waits `ms` milliseconds (the runner watching a cache expire). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
