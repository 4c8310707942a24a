// Scenario 4's forged access tokens, each built with jose (SignJWT, UnsecuredJWT, generateKeyPair):
// nothing here encodes a JWT by hand. Each forgery says which check of the real mail API should stop
// it first (RFC 8725 §3.1, RFC 9068 §4), so that the verdict can compare it with the trace.
import "server-only";
import { ACCESS_TOKEN_JWT_TYPE, SIGNING_ALG } from "@oauth-flow-lab/oauth";
import {
  decodeJwt,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  type KeyObject,
  SignJWT,
  UnsecuredJWT,
} from "jose";

/** What the forger starts from: a real token's claims (to copy), the AS's public key, its own key pair. */
export type ForgeryKit = {
  /** The claims of alice's real access token (read, not verified: the forger can read any JWT). */
  claims: JWTPayload;
  /** A real ID token of alice's, signed by the AS (for the token-confusion attempt). */
  id_token: string | undefined;
  /** The AS's published signing key (its JWK Set, RFC 7517) and its kid. */
  as_key: { jwk: JWK; kid: string | undefined };
  /** The forger's own ES256 key pair. */
  attacker: { privateKey: KeyObject | CryptoKey; jwk: JWK; kid: string };
  /** Where the forger's JWK Set is published (for jku). */
  attacker_jwks_url: string;
};

export type Forgery = {
  id: string;
  label: string;
  what: string;
  /** The check of the real mail API that should refuse it first. */
  expected_checks: readonly string[];
  /** Why that check (and not the one named in the label) refuses it, when that needs saying. */
  note?: string;
  forge(kit: ForgeryKit): Promise<string | undefined>;
};

const now = () => Math.floor(Date.now() / 1000);

/** The real token's claims with a fresh lifetime: the forger claims what alice's token claimed. */
function freshClaims(kit: ForgeryKit, changes: JWTPayload = {}): JWTPayload {
  return { ...kit.claims, iat: now(), exp: now() + 600, jti: `forged-${crypto.randomUUID()}`, ...changes };
}

const signedByAttacker = (kit: ForgeryKit, claims: JWTPayload, header: Record<string, unknown> = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_JWT_TYPE, jwk: kit.attacker.jwk, ...header })
    .sign(kit.attacker.privateKey);

const SIGNATURE_FIRST =
  "Signed with the forger's own key (it cannot sign with the AS's): the signature check refuses it before the claim is even read. The claim check stands behind it for a token the AS did sign.";

export const FORGERIES: readonly Forgery[] = [
  {
    id: "alg-none",
    label: "alg: none",
    what: 'No signature at all: header {"alg":"none"}, the claims of alice\'s token (RFC 7519 §6, an Unsecured JWT).',
    expected_checks: ["jwt-header"],
    forge: async (kit) => new UnsecuredJWT(freshClaims(kit)).encode(),
  },
  {
    id: "hs256-public-key",
    label: "HS256 keyed with the AS's public key (kid picks it)",
    what: "Header alg HS256, and a kid naming one of the AS's published keys; the HMAC key is that public key (its PEM), which anyone can fetch from the JWK Set. A server that lets alg and kid choose the check verifies it.",
    expected_checks: ["jwt-header"],
    forge: async (kit) => {
      const pem = await exportSPKI((await importJWK(kit.as_key.jwk, SIGNING_ALG, { extractable: true })) as KeyObject);
      return new SignJWT(freshClaims(kit))
        .setProtectedHeader({ alg: "HS256", typ: ACCESS_TOKEN_JWT_TYPE, ...(kit.as_key.kid ? { kid: kit.as_key.kid } : {}) })
        .sign(new TextEncoder().encode(pem));
    },
  },
  {
    id: "jwk-injected",
    label: "jwk: the forger's key in the header",
    what: "ES256, signed with the forger's key, whose public half rides in the header's jwk parameter (RFC 7515 §4.1.3).",
    expected_checks: ["jwt-signature"],
    forge: async (kit) => signedByAttacker(kit, freshClaims(kit)),
  },
  {
    id: "jku",
    label: "jku: the forger's key set URL",
    what: "ES256, signed with the forger's key; the header's jku points to the forger's own JWK Set (RFC 7515 §4.1.2), kid names its key.",
    expected_checks: ["jwt-signature"],
    forge: async (kit) =>
      new SignJWT(freshClaims(kit))
        .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_JWT_TYPE, jku: kit.attacker_jwks_url, kid: kit.attacker.kid })
        .sign(kit.attacker.privateKey),
  },
  {
    id: "wrong-aud",
    label: "wrong aud",
    what: "A token for another API: aud https://other-api.example (with the forger's key in jwk).",
    expected_checks: ["jwt-signature", "jwt-audience"],
    note: SIGNATURE_FIRST,
    forge: async (kit) => signedByAttacker(kit, freshClaims(kit, { aud: "https://other-api.example" })),
  },
  {
    id: "wrong-iss",
    label: "wrong iss",
    what: "A token from another issuer: iss https://evil-as.example (with the forger's key in jwk).",
    expected_checks: ["jwt-signature", "jwt-issuer"],
    note: SIGNATURE_FIRST,
    forge: async (kit) => signedByAttacker(kit, freshClaims(kit, { iss: "https://evil-as.example" })),
  },
  {
    id: "wrong-typ",
    label: "wrong typ: an ID token as access token",
    what: "alice's real ID token, signed by the AS itself (typ JWT, aud the client), presented as an access token (RFC 8725 §3.11).",
    expected_checks: ["jwt-header"],
    forge: async (kit) => kit.id_token,
  },
  {
    id: "expired",
    label: "expired",
    what: "exp an hour ago (with the forger's key in jwk).",
    expected_checks: ["jwt-signature", "jwt-lifetime"],
    note: SIGNATURE_FIRST,
    forge: async (kit) => signedByAttacker(kit, freshClaims(kit, { iat: now() - 7200, exp: now() - 3600 })),
  },
];

/** The forger's kit: reads alice's token (without verifying it), fetches the AS's JWK Set, makes a key pair. */
export async function forgeryKit(
  access_token: string,
  id_token: string | undefined,
  jwks_uri: string,
  publish: (jwk: JWK) => Promise<string>,
  dashboard_url: string,
  keysPath: string,
): Promise<ForgeryKit> {
  const response = await fetch(jwks_uri, {
    headers: { accept: "application/json" },
    cache: "no-store",
    signal: AbortSignal.timeout(5_000),
  });
  const { keys } = (await response.json()) as { keys?: JWK[] };
  const as_jwk = keys?.find((k) => k.alg === SIGNING_ALG || k.kty === "EC");
  if (!as_jwk) throw new Error("the AS's JWK Set has no ES256 key");
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = `attacker-${crypto.randomUUID()}`;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const id = await publish(jwk);
  const url = `${dashboard_url}${keysPath}/${id}`;
  return {
    claims: decodeJwt(access_token),
    id_token,
    as_key: { jwk: as_jwk, kid: as_jwk.kid },
    attacker: { privateKey, jwk, kid },
    attacker_jwks_url: url,
  };
}
