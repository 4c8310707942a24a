// The token lifecycle panel's facts: when the access token expires in the client's view and at the
// mail API, and the chain of rotated refresh tokens. Pure: derived from the flow, the clock injected.
import { decodeJwt } from "jose";
import type { GuidedFlow } from "./flow";

export type RefreshTokenState = "rotated" | "current" | "revoked";

export type ChainLink = {
  refresh_token: string;
  /** "abcdef…wxyz": enough to tell tokens apart on a slide. */
  short: string;
  state: RefreshTokenState;
  /** "step 4" for the first, "refresh 1", "refresh 2"… for the rotated ones. */
  issued_by: string;
};

/** The first 6 and last 4 characters. */
export function shortenToken(token: string): string {
  return token.length <= 14 ? token : `${token.slice(0, 6)}…${token.slice(-4)}`;
}

/**
 * RFC 9700 §4.14.2 (refresh token rotation): every refresh token of this flow, in the order LabMail
 * issued them. A token sent in a successful refresh is spent ("rotated"); the last one is current,
 * or revoked once the grant has been revoked (RFC 7009 §2.1).
 */
export function refreshTokenChain(flow: Pick<GuidedFlow, "tokens" | "refreshes" | "revoked">): ChainLink[] {
  const first = flow.refreshes[0]?.sent ?? flow.tokens?.refresh_token;
  if (first === undefined) return [];
  const tokens = [{ token: first, issued_by: "step 4" }];
  flow.refreshes.forEach((r, i) => {
    if (r.received !== undefined && r.received !== tokens.at(-1)?.token) tokens.push({ token: r.received, issued_by: `refresh ${i + 1}` });
  });
  const last = tokens.length - 1;
  return tokens.map(({ token, issued_by }, i) => ({
    refresh_token: token,
    short: shortenToken(token),
    issued_by,
    state: i < last ? "rotated" : flow.revoked ? "revoked" : "current",
  }));
}

/** RFC 7519 §4.1.4: the `exp` claim of a JWT access token (RFC 9068 §2.2), if it has one. */
export function accessTokenExp(access_token: string): number | undefined {
  try {
    const { exp } = decodeJwt(access_token);
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined; // opaque token: only the server knows
  }
}

export type AccessTokenLifecycle = {
  /** The client's own view: `expires_in` after receipt (RFC 6749 §5.1), or brought forward by the demo clock. */
  expires_at: number | undefined;
  /** The server's view: the `exp` claim the mail API checks. */
  exp: number | undefined;
  clientSaysExpired: boolean;
  serverSaysExpired: boolean;
  revoked: boolean;
};

export function accessTokenLifecycle(
  flow: Pick<GuidedFlow, "tokens" | "expires_at" | "revoked">,
  now: number,
): AccessTokenLifecycle | undefined {
  if (!flow.tokens) return undefined;
  const exp = accessTokenExp(flow.tokens.access_token);
  return {
    expires_at: flow.expires_at,
    exp,
    clientSaysExpired: flow.expires_at !== undefined && flow.expires_at <= now,
    serverSaysExpired: exp !== undefined && exp <= now,
    revoked: flow.revoked !== undefined,
  };
}

/**
 * The demo clock ("expire the access token now"): moves the client's own `expires_at` to now. The token
 * itself is untouched, so the mail API still accepts it until its real `exp`: expiry is enforced by the
 * server, the client's clock only decides when to refresh.
 */
export function expireAccessTokenInClientView(flow: Pick<GuidedFlow, "tokens" | "expires_at">, now: number): boolean {
  if (!flow.tokens) return false;
  flow.expires_at = Math.min(flow.expires_at ?? now, now);
  return true;
}
