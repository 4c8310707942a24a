// The attack lab's naive token check: what a resource server does when it lets the token say how the
// token should be checked. Every primitive is jose's; the naivety is only in what is trusted:
//   - `alg` from the header, `none` included (RFC 8725 §2.1, §3.1 say: never);
//   - an HMAC `alg` keyed with the AS's PUBLIC key (the key confusion of RFC 8725 §2.1);
//   - a key the token brings itself (`jwk`), or a JWK Set at a URL it names (`jku`), picked by the
//     token's `kid` (RFC 8725 §3.10: do not trust received claims);
//   - and no `typ`, `iss`, `aud`, `exp`, scope or revocation check at all (RFC 8725 §3.8, §3.9, §3.11).
// Each step is a named check run by the shared runner, so a trace shows what the twin did, and what it
// did NOT check. Nothing real imports this folder; it shares no code with verify-access-token.ts.
import { type Check, type CheckLog, defineCheck, InvalidToken, required, runChecks, TemporarilyUnavailable } from "@oauth-flow-lab/oauth";
import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  errors as joseErrors,
  type ProtectedHeaderParameters,
  UnsecuredJWT,
} from "jose";

/** Where the naive check gets keys from. */
export type NaiveKeySources = {
  /** The AS's JWK Set, found like the real verifier finds it (RFC 8414 §3 metadata, then `jwks_uri`). */
  asKeys(): Promise<JSONWebKeySet>;
  /** The JWK Set at whatever URL a token's `jku` names. */
  fetchKeySet(url: URL): Promise<JSONWebKeySet>;
};

/** Which of the token's claims about itself the twin believed. */
export type NaiveTrust = "alg-none" | "hmac-with-as-public-key" | "header-jwk" | "header-jku" | "as-key";

/** What the twin never checks; the real API checks each one (verify-access-token.ts, token-status.ts). */
export const NOT_CHECKED = ["typ", "iss", "aud", "exp", "scope", "revocation"] as const;

/** The request had no Bearer credentials (RFC 6750 §3.1: answered without an error code). */
export class NaiveMissingToken extends Error {}

/** A token on its way through NAIVE_CHECKS. */
export type NaiveVerification = {
  readonly authorization: readonly string[] | undefined;
  readonly keys: NaiveKeySources;
  token?: string;
  header?: ProtectedHeaderParameters;
  trust?: NaiveTrust;
  accepted_because?: string;
  claims?: JWTPayload;
};

/** How the twin accepted a token. */
export type NaiveAcceptance = { trust: NaiveTrust; accepted_because: string; header: ProtectedHeaderParameters; claims: JWTPayload };

/** RFC 6750 §2.1, loosely: the first Authorization header, if it says Bearer. */
export const NAIVE_BEARER_CHECK = defineCheck<NaiveVerification>({
  id: "naive-bearer-token",
  rfc: "RFC 6750 §2.1",
  title: "A Bearer token in the Authorization header",
  run(ctx) {
    const match = /^Bearer +(\S+)$/i.exec((ctx.authorization?.[0] ?? "").trim());
    if (!match?.[1]) throw new NaiveMissingToken("no bearer token");
    ctx.token = match[1];
  },
});

/**
 * UNSAFE, on purpose (RFC 8725 §3.1, §3.10): the token's own header decides how it is verified. A
 * signature must still verify with the key the header points at; with `alg: none` there is none.
 */
export const NAIVE_SIGNATURE_CHECK = defineCheck<NaiveVerification>({
  id: "naive-trusts-header",
  rfc: "RFC 8725 §3.1, §3.10",
  title: "Lets the token's header say how to check it: alg (none too), jwk, jku, kid",
  async run(ctx) {
    const accepted = await acceptNaively(required(ctx.token, "the token"), ctx.keys);
    Object.assign(ctx, accepted);
    return { detail: accepted.accepted_because };
  },
});

function notChecked(
  claim: (typeof NOT_CHECKED)[number],
  rfc: string,
  realRule: string,
  seen: (ctx: NaiveVerification) => string,
): Check<NaiveVerification> {
  return defineCheck<NaiveVerification>({
    id: `naive-${claim}-not-checked`,
    rfc,
    title: `${claim} NOT checked (the real mail API ${realRule})`,
    run(ctx) {
      return { detail: seen(ctx) };
    },
  });
}

const shown = (value: unknown) => (value === undefined ? "(absent)" : JSON.stringify(value));
const claimOf = (ctx: NaiveVerification, name: string) => shown(required(ctx.claims, "the claims")[name]);

/** RFC 9068 §4 requires each of these; the twin only reports what it let through. */
export const NAIVE_NOT_CHECKED: readonly Check<NaiveVerification>[] = [
  notChecked("typ", "RFC 8725 §3.11", "requires at+jwt", (ctx) => `typ was ${shown(required(ctx.header, "the header").typ)}`),
  notChecked("iss", "RFC 8725 §3.8", "requires the authorization server's issuer", (ctx) => `iss was ${claimOf(ctx, "iss")}`),
  notChecked("aud", "RFC 8725 §3.9", "requires its own identifier", (ctx) => `aud was ${claimOf(ctx, "aud")}`),
  notChecked("exp", "RFC 7519 §4.1.4", "refuses an expired token", (ctx) => {
    const { exp } = required(ctx.claims, "the claims");
    return typeof exp === "number" ? `exp was ${new Date(exp * 1000).toISOString()}` : `exp was ${shown(exp)}`;
  }),
  notChecked("scope", "RFC 6750 §3.1", "requires mail.read", (ctx) => `scope was ${claimOf(ctx, "scope")}`),
  notChecked("revocation", "RFC 7662 §2.2", "asks the authorization server whether the token is still active", () => "never asked"),
];

/** The naive endpoint's checks, in order (compare ACCESS_TOKEN_CHECKS of the real API). */
export const NAIVE_CHECKS: readonly Check<NaiveVerification>[] = [NAIVE_BEARER_CHECK, NAIVE_SIGNATURE_CHECK, ...NAIVE_NOT_CHECKED];

/** Runs NAIVE_CHECKS; each one that ran is reported to `observer`. */
export async function verifyNaively(
  authorization: readonly string[] | undefined,
  keys: NaiveKeySources,
  observer?: CheckLog,
): Promise<NaiveAcceptance> {
  const ctx: NaiveVerification = { authorization, keys };
  await runChecks(NAIVE_CHECKS, ctx, observer);
  return {
    trust: required(ctx.trust, "the trust"),
    accepted_because: required(ctx.accepted_because, "the reason"),
    header: required(ctx.header, "the header"),
    claims: required(ctx.claims, "the claims"),
  };
}

/**
 * The twin's one decision, in this order: `alg: none`; an HMAC alg keyed with the AS's public key;
 * the header's `jwk`; the JWK Set at the header's `jku`; else the AS's JWK Set. Keys are picked by the
 * header's `kid` from whatever set it got. Claims are read, never validated.
 * @throws InvalidToken when even this trust does not make the token verify.
 */
export async function acceptNaively(token: string, keys: NaiveKeySources): Promise<NaiveAcceptance> {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new InvalidToken("the token's header is not readable");
  }
  const { alg } = header;
  if (typeof alg !== "string") throw new InvalidToken("the token's header has no alg");
  let accepted: Pick<NaiveAcceptance, "trust" | "accepted_because">;
  if (alg === "none") {
    await trying("an unsecured JWT", () =>
      // jose refuses an expired unsecured JWT by default: a tolerance larger than any clock skips exp.
      UnsecuredJWT.decode(token, { clockTolerance: Number.MAX_SAFE_INTEGER }),
    );
    accepted = { trust: "alg-none", accepted_because: "alg none trusted" };
  } else if (alg.startsWith("HS")) {
    const secret = await asPublicKeyPem(await asKeySet(keys), header.kid);
    await trying("the AS's public key as an HMAC secret", () =>
      compactVerify(token, new TextEncoder().encode(secret), { algorithms: [alg] }),
    );
    accepted = {
      trust: "hmac-with-as-public-key",
      accepted_because: `${alg} trusted: verified with the AS's public key (PEM) as the HMAC secret`,
    };
  } else if (header.jwk !== undefined) {
    const jwk = header.jwk;
    await trying("the jwk in the header", async () => compactVerify(token, await importJWK(jwk, alg), { algorithms: [alg] }));
    accepted = { trust: "header-jwk", accepted_because: "jwk in the header trusted: verified with the key the token brought" };
  } else if (header.jku !== undefined) {
    let url: URL;
    try {
      url = new URL(header.jku);
    } catch {
      throw new InvalidToken("the jku in the header is not a URL");
    }
    let keySet: JSONWebKeySet;
    try {
      keySet = await keys.fetchKeySet(url);
    } catch {
      throw new InvalidToken("the jku in the header gave no JWK Set");
    }
    await trying("the JWK Set at the jku", () => compactVerify(token, createLocalJWKSet(keySet), { algorithms: [alg] }));
    accepted = {
      trust: "header-jku",
      accepted_because: `jku in the header trusted: verified with a key (kid ${shown(header.kid)}) fetched from ${url.href}`,
    };
  } else {
    const keySet = await asKeySet(keys);
    await trying("the AS's JWK Set", () => compactVerify(token, createLocalJWKSet(keySet), { algorithms: [alg] }));
    accepted = {
      trust: "as-key",
      accepted_because: `signed with the AS's key (kid ${shown(header.kid)}); typ, iss, aud, exp, scope and revocation not checked`,
    };
  }
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new InvalidToken("the token's payload is not a JSON object");
  }
  return { ...accepted, header, claims };
}

/** A jose failure under the trust the twin chose is the token's problem: invalid_token, naming that trust. */
async function trying(what: string, verify: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await verify();
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof TypeError) {
      throw new InvalidToken(`the token does not verify even with ${what}`);
    }
    throw error;
  }
}

async function asKeySet(keys: NaiveKeySources): Promise<JSONWebKeySet> {
  try {
    return await keys.asKeys();
  } catch {
    throw new TemporarilyUnavailable("the authorization server's keys are unavailable, try again later");
  }
}

/**
 * The HMAC secret of the key-confusion attack: the UTF-8 bytes of the AS's public key in PEM (SPKI)
 * form, as jose's exportSPKI writes it (no trailing newline); the key named by `kid`, else the first.
 */
export async function asPublicKeyPem(keySet: JSONWebKeySet, kid: string | undefined): Promise<string> {
  const jwk: JWK | undefined = keySet.keys.find((k) => kid === undefined || k.kid === kid);
  if (jwk === undefined) throw new InvalidToken("no key of the AS has this kid");
  const key = await importJWK(jwk, jwk.alg ?? "ES256");
  if (key instanceof Uint8Array) throw new InvalidToken("the AS published a symmetric key");
  return exportSPKI(key);
}
