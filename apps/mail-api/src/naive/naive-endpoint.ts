// The attack lab's naive mail endpoint: GET /naive/v1/messages. It accepts forged tokens the real
// GET /v1/messages refuses (naive-verifier.ts), and answers with a SYNTHETIC mailbox, never the real
// database: it is given no database at all. It exists only while the attack lab is on (server.ts);
// otherwise /naive/* is an unknown path like any other (404).
import type { IncomingMessage } from "node:http";
import { NAIVE_MAIL_PATH } from "@oauth-flow-lab/lab";
import {
  bearerChallenge,
  type CheckLog,
  defineCheck,
  InvalidToken,
  metadataUrl,
  runChecks,
  TemporarilyUnavailable,
} from "@oauth-flow-lab/oauth";
import type { JSONWebKeySet } from "jose";
import { MethodNotAllowed, NotFound } from "../http.ts";
import { type NaiveKeySources, NaiveMissingToken, NOT_CHECKED, verifyNaively } from "./naive-verifier.ts";
import { SYNTHETIC_MAILBOX, SYNTHETIC_MESSAGES } from "./synthetic-mailbox.ts";

/** Every path the twin answers starts with this. */
export const NAIVE_PATH_PREFIX = "/naive/";
/** The one route of the twin (the lab registry's NAIVE_MAIL_PATH). */
export const NAIVE_MESSAGES_PATH = NAIVE_MAIL_PATH;
/** The realm of the twin's `WWW-Authenticate` challenges (RFC 6750 §3), apart from the real API's. */
export const NAIVE_REALM = "naive-mail-api";

/** An answer of the twin; `client_id` is what the accepted token claimed (the trace files it under it). */
export type NaiveAnswer = { status: number; body: unknown; headers?: Record<string, string>; client_id?: string };

export type NaiveEndpoint = {
  /**
   * Answers a request whose path starts with NAIVE_PATH_PREFIX; each check that ran is reported to
   * `observer`. @throws NotFound for another path, MethodNotAllowed for another method.
   */
  handle(req: IncomingMessage, url: URL, observer: CheckLog | undefined): Promise<NaiveAnswer>;
};

/** The synthetic mailbox is served, whoever the token claims to be (RFC 6749 §7: the protected resource). */
const SYNTHETIC_MAILBOX_CHECK = defineCheck<{ sub: unknown }>({
  id: "naive-synthetic-mailbox",
  rfc: "RFC 6749 §7",
  title: "Serves the SYNTHETIC mailbox: never a real account's mail",
  run({ sub }) {
    return { detail: `sub ${JSON.stringify(sub) ?? "(absent)"} claimed; ${SYNTHETIC_MESSAGES.length} synthetic messages` };
  },
});

export function createNaiveEndpoint(keys: NaiveKeySources): NaiveEndpoint {
  return {
    async handle(req, url, observer): Promise<NaiveAnswer> {
      if (url.pathname !== NAIVE_MESSAGES_PATH) throw new NotFound();
      if (req.method !== "GET") throw new MethodNotAllowed(["GET"]);
      let accepted: Awaited<ReturnType<typeof verifyNaively>>;
      try {
        accepted = await verifyNaively(req.headersDistinct.authorization, keys, observer);
      } catch (error) {
        if (error instanceof NaiveMissingToken)
          return { status: 401, body: undefined, headers: { "WWW-Authenticate": bearerChallenge(NAIVE_REALM) } };
        if (error instanceof InvalidToken) {
          return { status: 401, body: error.toJSON(), headers: { "WWW-Authenticate": bearerChallenge(NAIVE_REALM, error) } };
        }
        if (error instanceof TemporarilyUnavailable) return { status: error.status, body: error.toJSON(), headers: { "Retry-After": "5" } };
        throw error;
      }
      const { claims } = accepted;
      await runChecks([SYNTHETIC_MAILBOX_CHECK], { sub: claims.sub }, observer);
      return {
        status: 200,
        body: {
          accepted_because: accepted.accepted_because,
          trust: accepted.trust,
          not_checked: NOT_CHECKED,
          header: accepted.header,
          claims,
          mailbox: SYNTHETIC_MAILBOX,
          messages: SYNTHETIC_MESSAGES,
        },
        ...(typeof claims.client_id === "string" ? { client_id: claims.client_id } : {}),
      };
    },
  };
}

/** Largest JWK Set the twin reads from anywhere. */
const MAX_KEY_SET_BYTES = 64 * 1024;

/**
 * Key sources over HTTP: the AS's keys found through its metadata (RFC 8414 §3, then `jwks_uri`),
 * fetched on every use (a demo, not a cache); and any http(s) `jku`, without redirects, within 3 s
 * and 64 KiB. Fetching a URL a token names is itself the flaw (RFC 8725 §3.10: SSRF): the twin runs
 * only in the attack lab, on loopback.
 */
export function httpKeySources(issuer: string, fetchImpl: typeof fetch = fetch): NaiveKeySources {
  const getJson = async (url: URL): Promise<unknown> => {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("only http(s) URLs");
    const response = await fetchImpl(url, {
      headers: { Accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(3000),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_KEY_SET_BYTES) throw new Error("too large");
    return JSON.parse(text);
  };
  const keySet = (json: unknown): JSONWebKeySet => {
    const keys = typeof json === "object" && json !== null ? (json as { keys?: unknown }).keys : undefined;
    if (!Array.isArray(keys)) throw new Error("not a JWK Set");
    return { keys };
  };
  return {
    async asKeys() {
      const metadata = await getJson(new URL(metadataUrl(issuer)));
      const jwks_uri = typeof metadata === "object" && metadata !== null ? (metadata as { jwks_uri?: unknown }).jwks_uri : undefined;
      if (typeof jwks_uri !== "string") throw new Error("no jwks_uri");
      return keySet(await getJson(new URL(jwks_uri)));
    },
    async fetchKeySet(url) {
      return keySet(await getJson(url));
    },
  };
}
