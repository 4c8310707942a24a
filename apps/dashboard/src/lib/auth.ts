// next-auth configuration: LabMail as an OpenID Connect provider, JWT sessions whose tokens never
// leave the server. Built at the first request (the environment is not there at build time).
import "server-only";
import { DASHBOARD_PROVIDER_ID } from "@oauth-flow-lab/lab";
import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import type { AuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { type CustomHttpOptionsProvider, custom, Issuer } from "openid-client";
import { type Env, env } from "@/env";
import { revokeSessionTokens } from "./authorization-server";
import { errorMessage, logger } from "./log";
import { DASHBOARD_SCOPE } from "./oauth/scopes";
import { epochSeconds, expiresAt } from "./oauth/token-expiry";
import { openidConfigurationUrl } from "./oauth-client/discovery";
import { requestIdStorage } from "./request-id";
import { authCookies, SESSION_MAX_AGE } from "./session-cookie";
import { parseSessionToken } from "./session-token";

/** The provider id is part of the registered redirect URI (lab registry): `${NEXTAUTH_URL}/api/auth/callback/labmail`. */
export const PROVIDER_ID = DASHBOARD_PROVIDER_ID;

/** OpenID Connect Core §5.1: the id_token claims we use. */
type LabMailProfile = { sub: string; name?: string; email?: string };

function labMailProvider(e: Env): OAuthConfig<LabMailProfile> {
  return {
    id: PROVIDER_ID,
    name: "LabMail",
    type: "oauth",
    wellKnown: openidConfigurationUrl(e.ISSUER),
    clientId: e.OAUTH_CLIENT_ID,
    clientSecret: e.OAUTH_CLIENT_SECRET,
    authorization: {
      // No prompt=consent: LabMail remembers consent per client and scope, and a returning user whose
      // consent covers these scopes goes straight back. OpenID Connect Core §11 asks a certified OP to
      // honour offline_access only with prompt=consent; LabMail instead issues it when the user's
      // remembered consent includes offline_access (they allowed it on a consent page before; docs/security.md).
      params: { scope: DASHBOARD_SCOPE },
    },
    // PKCE S256 (RFC 7636), state (RFC 6749 §10.12) and nonce (OpenID Connect Core §3.1.2.1).
    checks: ["pkce", "state", "nonce"],
    // The user comes from the verified id_token, not from a userinfo request.
    idToken: true,
    client: {
      token_endpoint_auth_method: "client_secret_basic",
      // openid-client expects RS256 unless told; LabMail signs with ES256.
      id_token_signed_response_alg: SIGNING_ALG,
    },
    profile(profile) {
      return { id: profile.sub, name: profile.name ?? null, email: profile.email ?? null };
    },
  };
}

/**
 * next-auth talks to LabMail through openid-client (discovery, the JWK Set, the token request): its
 * per-request hook adds the X-Request-Id of the sign-in being handled (the route runs next-auth inside
 * `requestIdStorage`). Set on the classes whose instances make the requests: Issuer (discovery, static),
 * an issuer (its JWK Set) and the Client base class (the token endpoint, userinfo).
 */
function sendRequestIds(): void {
  const addRequestId: CustomHttpOptionsProvider = (_url, options) => {
    const id = requestIdStorage.getStore();
    return id ? { ...options, headers: { ...options.headers, "x-request-id": id } } : options;
  };
  Issuer[custom.http_options] = addRequestId;
  const issuerPrototype = Issuer.prototype as unknown as Record<symbol, unknown>;
  issuerPrototype[custom.http_options] = addRequestId;
  const clientClass = new Issuer({ issuer: "https://labmail.invalid" }).Client;
  const basePrototype = Object.getPrototypeOf(clientClass.prototype) as Record<symbol, unknown>;
  basePrototype[custom.http_options] = addRequestId;
}

/** The logger, with the id of the request next-auth is handling when it runs inside the route (synchronous: no headers()). */
function nextAuthLogger() {
  const request_id = requestIdStorage.getStore();
  return request_id ? logger().child({ request_id }) : logger();
}

let options: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  if (options) return options;
  sendRequestIds();
  const e = env();
  const cookies = authCookies(e.NEXTAUTH_URL);
  options = {
    secret: e.NEXTAUTH_SECRET,
    providers: [labMailProvider(e)],
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    cookies,
    pages: { signIn: "/", error: "/" },
    callbacks: {
      /**
       * Runs at sign-in (with `account`: the token response) and whenever next-auth reads the session.
       * It never refreshes: a refresh here could not always write the cookie (server components), so
       * the rotated refresh token would be lost. Refreshing is the proxy's job (src/proxy.ts).
       */
      jwt({ token, account }) {
        if (!account) return token;
        if (!account.access_token || !token.sub) throw new Error("the token response has no access_token or the id_token no sub");
        return {
          sub: token.sub,
          name: token.name ?? null,
          email: token.email ?? null,
          access_token: account.access_token,
          refresh_token: account.refresh_token,
          id_token: account.id_token,
          scope: account.scope,
          expires_at: account.expires_at ?? expiresAt(undefined, epochSeconds()),
        };
      },
      /** What the browser may see (`/api/auth/session`): who is signed in, and whether renewal failed. Never a token. */
      session({ session, token }) {
        return {
          expires: session.expires,
          user: { sub: token.sub ?? "", name: token.name ?? null, email: token.email ?? null },
          ...(token.error ? { error: token.error } : {}),
        };
      },
    },
    // next-auth's own messages as JSON lines too: its code and the error's message, never its metadata
    // (a callback's may hold the request's parameters).
    logger: {
      error(code, metadata) {
        const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown }).error;
        nextAuthLogger().error({ next_auth_code: code, error: error === undefined ? undefined : errorMessage(error) }, "next-auth error");
      },
      warn(code) {
        nextAuthLogger().warn({ next_auth_code: code }, "next-auth warning");
      },
      debug() {},
    },
    events: {
      /** RFC 7009: end the grant at LabMail too. Best effort: never blocks sign-out. */
      async signOut({ token }) {
        const session = parseSessionToken(token);
        if (session) await revokeSessionTokens(session);
      },
    },
  };
  return options;
}
