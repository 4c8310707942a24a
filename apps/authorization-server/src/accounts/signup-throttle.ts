// Sign-ups per client address (OWASP ASVS 2.2.1's idea, applied to account creation): a class can
// create its accounts, a script cannot flood the AS with them (each one costs an argon2 hash and a row).
// Same table and the same atomic upsert as the login throttle's per-address count
// (protocol/login-throttle.ts): the attempt is counted *before* the password is hashed, so parallel
// requests cannot outrun the limit, and rows are bounded by the same purge (purgeThrottleRows: the
// key's window has ended).
//
// The key is the address from client-address.ts: X-Forwarded-For only from TRUSTED_PROXIES. Without a
// trusted proxy every sign-up shares the address "direct", so the limit is one a whole class fits in.
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import type { ThrottleTableDependencies } from "@/protocol/login-throttle";

export const SIGNUP_THROTTLE = {
  /** Sign-up attempts per address in a window: a class of 60 behind one NAT, each with a retry. */
  perAddress: 120,
  /** The window: the login throttle's (LIFETIMES.login_lock). */
  windowSeconds: LIFETIMES.login_lock.seconds,
} as const;

export function signupThrottleKey(address: string | null): string {
  return `signup:address:${address ?? "direct"}`;
}

/**
 * Counts one sign-up attempt; false when the address has used up its sign-ups for the window. The
 * login throttle's per-address statement (AUTH_STATEMENTS.throttleCountAddress), with this window and limit.
 */
export async function admitSignupAttempt(
  deps: ThrottleTableDependencies,
  key: string,
  limit: number = SIGNUP_THROTTLE.perAddress,
): Promise<boolean> {
  const rows = await authSql(deps.db).query(AUTH_STATEMENTS.throttleCountAddress, [key, deps.now(), SIGNUP_THROTTLE.windowSeconds, limit]);
  return rows.length === 1;
}
