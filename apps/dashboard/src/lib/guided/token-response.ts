// Step 5: the tokens, decoded and their signatures verified against LabMail's published keys.
import "server-only";
import { ACCESS_TOKEN_JWT_TYPE, SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify, type ProtectedHeaderParameters } from "jose";
import type { GuidedContext } from "./context";

export type JwtReport = {
  name: "access_token" | "id_token";
  header: ProtectedHeaderParameters | undefined;
  payload: JWTPayload | undefined;
  /** The third part, base64url: the signature the keys are checked against. */
  signature: string;
  /** jose's jwtVerify against the JWKS: signature, alg, typ, iss (and aud, nonce for the ID token). */
  verification: { ok: true } | { ok: false; reason: string };
  checks: { check: string; ok: boolean; detail?: string | undefined; rfc: string }[];
};

// One remote key set per jwks_uri: jose caches the keys and refetches on an unknown `kid`.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySet(jwks_uri: string) {
  let set = keySets.get(jwks_uri);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwks_uri), { timeoutDuration: 5_000 });
    keySets.set(jwks_uri, set);
  }
  return set;
}

function decode(jwt: string): { header: ProtectedHeaderParameters | undefined; payload: JWTPayload | undefined; signature: string } {
  let header: ProtectedHeaderParameters | undefined;
  let payload: JWTPayload | undefined;
  try {
    header = decodeProtectedHeader(jwt);
    payload = decodeJwt(jwt);
  } catch {
    // not a JWT: shown as opaque
  }
  return { header, payload, signature: jwt.split(".")[2] ?? "" };
}

/**
 * Step 5, RFC 9068 §4 (https://www.rfc-editor.org/rfc/rfc9068#section-4): the access token is a JWT
 * with `typ: at+jwt`, signed by the AS. The client does not need to read it (RFC 6749 §1.4: opaque
 * to the client); we verify it here only to show what the mail API will check in step 6.
 */
export async function inspectAccessToken(access_token: string, context: GuidedContext): Promise<JwtReport> {
  const decoded = decode(access_token);
  try {
    await jwtVerify(access_token, keySet(context.as.jwks_uri ?? ""), {
      issuer: context.issuer,
      typ: ACCESS_TOKEN_JWT_TYPE,
      algorithms: [SIGNING_ALG],
    });
    return { name: "access_token", ...decoded, verification: { ok: true }, checks: [] };
  } catch (error) {
    return {
      name: "access_token",
      ...decoded,
      verification: { ok: false, reason: error instanceof Error ? error.message : String(error) },
      checks: [],
    };
  }
}

/**
 * Step 5, OpenID Connect Core §3.1.3.7
 * (https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation): oauth4webapi validated
 * the ID token's claims in step 4 (nonce included); this also checks its signature against LabMail's
 * JWKS, which §3.1.3.7 step 6 lets a client skip for a token received over TLS from the token endpoint.
 */
export async function inspectIdToken(id_token: string, context: GuidedContext): Promise<JwtReport> {
  const decoded = decode(id_token);
  try {
    await jwtVerify(id_token, keySet(context.as.jwks_uri ?? ""), {
      issuer: context.issuer,
      audience: context.client.client_id,
      algorithms: [SIGNING_ALG],
    });
    return { name: "id_token", ...decoded, verification: { ok: true }, checks: [] };
  } catch (error) {
    return {
      name: "id_token",
      ...decoded,
      verification: { ok: false, reason: error instanceof Error ? error.message : String(error) },
      checks: [],
    };
  }
}
