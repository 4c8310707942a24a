// The naive twins' client side (attack lab only): each twin is the client core minus ONE defence, named
// for it. Their pending logins live in the dashboard's state store, found by `state` alone (never bound to the
// browser that started them). Nothing real imports this folder.
import "server-only";
import { NAIVE_CLIENTS, NAIVE_MAIL_PATH } from "@oauth-flow-lab/lab";
import { formatScope } from "@oauth-flow-lab/oauth";
import * as oauth from "oauth4webapi";
import { requestOptions } from "@/lib/oauth-client/http";
import { stateStore } from "@/lib/state/stores";
import type { AttackContext } from "../lab";

export type NaiveTwin = keyof typeof NAIVE_CLIENTS;

type PendingLogin = {
  twin: NaiveTwin;
  /** The AS this client believes it is talking to (the mix-up twin may have picked the evil one). */
  as: oauth.AuthorizationServer;
  redirect_uri: string;
  /** Undefined: this login sent no nonce (OpenID Connect Core §3.1.2.1 makes it optional for the code flow). */
  nonce: string | undefined;
  /** Undefined: this login sent no code_challenge (the no-PKCE twin). */
  code_verifier: string | undefined;
};

const pending = stateStore<PendingLogin>({ name: "naive-logins", maxEntries: 200, ttlMs: 10 * 60 * 1000 });

/** The twin's registered redirect URI (NAIVE_CLIENTS). */
export function naiveRedirectUri(twin: NaiveTwin, dashboard_url: string): string {
  const [first] = NAIVE_CLIENTS[twin].redirect_uris(dashboard_url);
  if (first === undefined) throw new Error(`${NAIVE_CLIENTS[twin].client_id} has no redirect URI`);
  return first;
}

/**
 * RFC 6749 §4.1.1: a twin's authorization request, built like the real client's (oauth4webapi's
 * generators, S256) unless `pkce: false`; `redirect_uri` may be bent by the attack. The pending login is
 * kept under its state.
 */
export async function startNaiveLogin(
  ctx: AttackContext,
  twin: NaiveTwin,
  options: { pkce?: boolean; nonce?: boolean; redirect_uri?: string; as?: oauth.AuthorizationServer } = {},
): Promise<{ url: URL; state: string }> {
  const as = options.as ?? ctx.as;
  if (!as.authorization_endpoint) throw new Error("no authorization_endpoint");
  const state = oauth.generateRandomState();
  const nonce = options.nonce === false ? undefined : oauth.generateRandomNonce();
  const code_verifier = options.pkce === false ? undefined : oauth.generateRandomCodeVerifier();
  const redirect_uri = options.redirect_uri ?? naiveRedirectUri(twin, ctx.dashboard_url);
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", NAIVE_CLIENTS[twin].client_id);
  url.searchParams.set("redirect_uri", redirect_uri);
  url.searchParams.set("scope", formatScope(NAIVE_CLIENTS[twin].requested_scope));
  url.searchParams.set("state", state);
  if (nonce !== undefined) url.searchParams.set("nonce", nonce);
  url.searchParams.set("prompt", "consent");
  if (code_verifier !== undefined) {
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(code_verifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  await pending.add(state, { twin, as, redirect_uri, nonce, code_verifier });
  return { url, state };
}

export type NaiveSignIn = { signed_in_as: string; access_token: string };

/**
 * A twin's callback (RFC 6749 §4.1.2): the pending login is found by `state` alone, so whoever holds a
 * state gets the login it names (no binding to this browser: the no-state twin's flaw). The mix-up twin
 * skips the iss check (RFC 9207 §2.4) and redeems at whichever AS it believes it chose.
 * @throws Error describing why the callback failed
 */
export async function completeNaiveLogin(ctx: AttackContext, twin: NaiveTwin, query: URLSearchParams): Promise<NaiveSignIn> {
  const state = query.get("state");
  const login = state === null ? undefined : await pending.get(state);
  if (state === null || !login || login.twin !== twin) throw new Error("no pending login for this state");
  await pending.delete(state);
  const client: oauth.Client = { client_id: NAIVE_CLIENTS[twin].client_id };
  let params: URLSearchParams;
  if (twin === "mixUp") {
    // The flaw: iss is ignored, so a code issued by LabMail is taken for one of the AS this login chose.
    const withoutIss = new URLSearchParams(query);
    withoutIss.delete("iss");
    params = oauth.validateAuthResponse({ ...login.as, authorization_response_iss_parameter_supported: false }, client, withoutIss, state);
  } else {
    params = oauth.validateAuthResponse(login.as, client, query, state);
  }
  const secret = ctx.naiveClient(client.client_id)?.client_secret;
  // At the evil AS the twin has no secret of ours to present (a client registers separately at each AS).
  const auth = twin === "mixUp" || secret === undefined ? oauth.None() : oauth.ClientSecretBasic(secret);
  const response = await oauth.authorizationCodeGrantRequest(
    login.as,
    client,
    auth,
    params,
    login.redirect_uri,
    login.code_verifier ?? oauth.nopkce,
    requestOptions(login.as.issuer),
  );
  const tokens = await oauth.processAuthorizationCodeResponse(login.as, client, response, {
    expectedNonce: login.nonce,
    requireIdToken: true,
  });
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  const name = claims?.["preferred_username"];
  return { signed_in_as: typeof name === "string" ? name : (claims?.sub ?? "someone"), access_token: tokens.access_token };
}

/** RFC 6750 §2.1: the twin reads mail, at the naive endpoint (its tokens' aud is the naive one). */
export async function readNaiveMailbox(ctx: AttackContext, access_token: string): Promise<unknown> {
  const url = new URL(NAIVE_MAIL_PATH.replace(/^\//, ""), `${ctx.mail_api_url}/`);
  url.searchParams.set("limit", "3");
  const response = await oauth.protectedResourceRequest(
    access_token,
    "GET",
    url,
    new Headers({ accept: "application/json" }),
    null,
    requestOptions(url.href),
  );
  return response.ok ? ((await response.json()) as unknown) : { error: `HTTP ${response.status}` };
}
