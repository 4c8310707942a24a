// When the dashboard considers its access token used up.

/**
 * Refresh this many seconds before `expires_at`, so that a token never expires between our check
 * and the mail API's (clock skew, slow requests).
 */
export const ACCESS_TOKEN_EXPIRY_LEEWAY = 30;

/**
 * RFC 6749 §5.1: `expires_in` is RECOMMENDED, not required. Without it we assume this lifetime
 * (the authorization server's documented default is 10 minutes; we stay below it).
 */
export const DEFAULT_ACCESS_TOKEN_LIFETIME = 300;

/** Seconds since the epoch, the unit of `expires_at` (and of JWT `exp`, RFC 7519 §2). */
export function epochSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}

/** RFC 6749 §5.1: turns the relative `expires_in` into an absolute time we can store. */
export function expiresAt(expires_in: number | undefined, now: number): number {
  return now + (expires_in ?? DEFAULT_ACCESS_TOKEN_LIFETIME);
}

/** True when the access token has expired, or will within the leeway. */
export function accessTokenNeedsRefresh(expires_at: number | undefined, now: number, leeway = ACCESS_TOKEN_EXPIRY_LEEWAY): boolean {
  if (expires_at === undefined) return false; // no known expiry: the mail API's 401 will tell us
  return expires_at - leeway <= now;
}
