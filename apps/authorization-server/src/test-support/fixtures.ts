// Dependencies and data for the AS's protocol unit tests: a clock the test moves, the lab's
// lifetimes, and clients, users and authorization codes created through the real protocol code.

import type { PrismaClient } from "@oauth-flow-lab/db/auth";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { type CheckLog, calculateCodeChallenge, generateCodeVerifier, type ProtocolCheck } from "@oauth-flow-lab/oauth";
import { randomToken, sha256 } from "@/lib/random";
import { issueAuthorizationCode } from "../protocol/authorization-codes";
import type { ProtocolDependencies } from "../protocol/dependencies";
import { signerFor } from "../protocol/signer";
import { handleTokenRequest } from "../protocol/token";

export const ISSUER = "http://as.test";
export const AUDIENCE = "http://mail-api.test";

export type TestClock = { now: () => Date; advance: (seconds: number) => void };

export function testClock(start = new Date("2026-11-30T12:00:00Z")): TestClock {
  let time = start.getTime();
  return { now: () => new Date(time), advance: (seconds) => void (time += seconds * 1000) };
}

export function testDependencies(db: PrismaClient, clock: TestClock = testClock()): ProtocolDependencies {
  return {
    db,
    now: clock.now,
    config: {
      issuer: ISSUER,
      accessTokenAudience: AUDIENCE,
      lifetimes: {
        authorization_code: LIFETIMES.authorization_code.seconds,
        access_token: LIFETIMES.access_token.seconds,
        id_token: LIFETIMES.id_token.seconds,
        refresh_token: LIFETIMES.refresh_token.seconds,
        grant_absolute: LIFETIMES.grant_absolute.seconds,
      },
    },
    signer: signerFor(db, LIFETIMES.access_token.seconds),
  };
}

/** A check log that keeps what the runner reported. */
export function recordingLog(): CheckLog & { checks: ProtocolCheck[]; ids: () => string[] } {
  const checks: ProtocolCheck[] = [];
  return { checks, push: (c) => void checks.push(c), ids: () => checks.map((c) => `${c.id}:${c.ok ? "ok" : "failed"}`) };
}

export type TestClient = { client_id: string; client_secret: string | undefined; redirect_uri: string };

/** Registers a client with a fresh id: confidential (with a secret) unless `public`. */
export async function registerClient(
  db: PrismaClient,
  options: {
    public?: boolean;
    secret?: string;
    grantTypes?: string[];
    introspectionAllowed?: boolean;
    /** A fixed id (e.g. an attack lab twin's) instead of a fresh one. */
    clientId?: string;
    /** The stored policies (client-policy.ts); the secure defaults when absent. */
    redirectUriMatching?: "exact" | "prefix";
    pkceRequired?: boolean;
    /** RFC 7591 §2: how a confidential client authenticates (client_secret_basic when absent). */
    tokenEndpointAuthMethod?: "client_secret_basic" | "client_secret_post";
    /** OpenID Connect RP-Initiated Logout 1.0 §3.1 (none when absent). */
    postLogoutRedirectUris?: string[];
  } = {},
): Promise<TestClient> {
  const client_id = options.clientId ?? `client-${randomToken(6)}`;
  const client_secret = options.public ? undefined : (options.secret ?? randomToken());
  const redirect_uri = `http://app.test/${client_id}/callback`;
  await db.client.create({
    data: {
      id: client_id,
      name: client_id,
      secretHash: client_secret === undefined ? null : sha256(client_secret),
      tokenEndpointAuthMethod: options.public ? "none" : (options.tokenEndpointAuthMethod ?? "client_secret_basic"),
      redirectUris: [redirect_uri],
      postLogoutRedirectUris: options.postLogoutRedirectUris ?? [],
      allowedScopes: ["openid", "profile", "email", "offline_access", "mail.read", "mail.send"],
      grantTypes: options.grantTypes ?? ["authorization_code", "refresh_token"],
      introspectionAllowed: options.introspectionAllowed ?? false,
      ...(options.redirectUriMatching === undefined ? {} : { redirectUriMatching: options.redirectUriMatching }),
      ...(options.pkceRequired === undefined ? {} : { pkceRequired: options.pkceRequired }),
    },
  });
  return { client_id, client_secret, redirect_uri };
}

export async function createUser(db: PrismaClient): Promise<{ id: string }> {
  const id = randomToken(8);
  await db.user.create({ data: { id, username: `user-${id}`, email: `${id}@labmail.test`, name: "Test User", passwordHash: "unused" } });
  return { id };
}

/** An authorization code as the authorization endpoint issues it, with its PKCE verifier. */
export async function issueCode(
  deps: ProtocolDependencies,
  client: TestClient,
  userId: string,
  scope: string[] = ["openid", "profile", "offline_access", "mail.read"],
): Promise<{ code: string; code_verifier: string }> {
  const code_verifier = generateCodeVerifier();
  const code = await issueAuthorizationCode(
    deps,
    {
      client_id: client.client_id,
      redirect_uri: client.redirect_uri,
      response_type: "code",
      scope,
      state: undefined,
      code_challenge: calculateCodeChallenge(code_verifier),
      code_challenge_method: "S256",
      nonce: "n-0S6_WzA2Mj",
      prompt: [],
      max_age: undefined,
    },
    userId,
    deps.now(),
  );
  return { code, code_verifier };
}

/** RFC 6749 §2.3.1: Basic credentials, each part form-urlencoded first (`raw` skips the encoding). */
export function basicAuthorization(
  client_id: string,
  client_secret: string,
  encoding: "form-urlencoded" | "raw" = "form-urlencoded",
): string {
  const encode = (value: string) => (encoding === "raw" ? value : new URLSearchParams({ v: value }).toString().slice(2));
  return `Basic ${Buffer.from(`${encode(client_id)}:${encode(client_secret)}`, "utf8").toString("base64")}`;
}

/**
 * A form POST to an AS endpoint, authenticated with Basic (confidential), the secret in the body
 * (`method` client_secret_post), or client_id alone (public).
 */
export function formPost(
  path: string,
  client: TestClient | undefined,
  params: Record<string, string>,
  method: "client_secret_basic" | "client_secret_post" = "client_secret_basic",
): Request {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const body = new URLSearchParams(params);
  if (client?.client_secret !== undefined && method === "client_secret_post") {
    body.set("client_id", client.client_id);
    body.set("client_secret", client.client_secret);
  } else if (client?.client_secret !== undefined) headers.authorization = basicAuthorization(client.client_id, client.client_secret);
  else if (client) body.set("client_id", client.client_id);
  return new Request(new URL(path, ISSUER), { method: "POST", headers, body: body.toString() });
}

/** Tokens as the token endpoint issues them: a code issued, then exchanged. */
export async function obtainTokens(
  deps: ProtocolDependencies,
  client: TestClient,
  scope?: string[],
): Promise<Awaited<ReturnType<typeof handleTokenRequest>>> {
  const user = await createUser(deps.db);
  const { code, code_verifier } = await issueCode(deps, client, user.id, scope);
  return handleTokenRequest(
    deps,
    formPost("/token", client, { grant_type: "authorization_code", code, code_verifier, redirect_uri: client.redirect_uri }),
  );
}
