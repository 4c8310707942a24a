// Brute-force protection for the login form (OWASP ASVS 2.2.1; OWASP Authentication Cheat Sheet,
// "Login Throttling"). Every attempt is counted in the database *before* its password is verified, by
// one conditional `INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING`: PostgreSQL serialises
// concurrent upserts of one key, so of 20 parallel attempts at most LOGIN_THROTTLE.perAccountAndAddress
// are admitted to the (expensive) argon2 verification, and the rest are refused without it.
//
// Two keys, both counted per window of LIFETIMES.login_lock:
// - account and address: LOGIN_THROTTLE.perAccountAndAddress attempts, then a growing delay (30 s,
//   1 min, 2 min, … at most the window) before each further one. There is no account-wide lock: a
//   stranger at another address cannot lock a student out.
// - address alone (only when a trusted proxy tells us the address: client-address.ts): at most
//   LOGIN_THROTTLE.perAddress failures, then the address waits for the window to end.
// The same answer is given whether or not the account exists, so the throttle reveals no usernames.
// Rows are bounded by the purge (purgeThrottleRows): a row is gone one window after its last attempt
// and delay.
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { LIFETIMES, LOGIN_THROTTLE } from "@oauth-flow-lab/lab";
import type { AuthDatabase } from "./dependencies";
import { isStorableText } from "./parameters";

/** The lab registry's throttle, with the window and the longest delay in seconds. */
export const THROTTLE = {
  windowSeconds: LIFETIMES.login_lock.seconds,
  maxDelaySeconds: LIFETIMES.login_lock.seconds,
  ...LOGIN_THROTTLE,
} as const;

/** The counting statements are in auth-statements.ts (throttleCountAccount, throttleCountAddress). */
export type ThrottleDependencies = { db: AuthDatabase; now: () => Date };
/** What the purge (plain SQL through Prisma) and the sign-up throttle (accounts/signup-throttle.ts) need. */
export type ThrottleTableDependencies = { db: Pick<AuthDatabase, "$queryRaw" | "$executeRaw">; now: () => Date };

/** `address` null: unknown (no trusted proxy); all such attempts share one "direct" address. */
export type ThrottleKeys = { accountAndAddress: string; address: string | null };

export function throttleKeys(username: string, address: string | null): ThrottleKeys {
  const account = isStorableText(username) ? username.trim().toLowerCase().slice(0, 200) : "(invalid)";
  return {
    accountAndAddress: `account:${account}|address:${address ?? "direct"}`,
    address: address === null ? null : `address:${address}`,
  };
}

/**
 * Counts one login attempt before its password is verified. "admitted": verify it; "throttled": refuse
 * it without verifying (nothing was counted for a refused attempt, apart from what is given back).
 */
export async function admitLoginAttempt(deps: ThrottleDependencies, keys: ThrottleKeys): Promise<"admitted" | "throttled"> {
  const now = deps.now();
  if (keys.address !== null && !(await countAddressAttempt(deps, keys.address, now))) return "throttled";
  if (await countAccountAttempt(deps, keys.accountAndAddress, now)) return "admitted";
  // Refused before the password was looked at: the address is given its attempt back.
  if (keys.address !== null) await giveBack(deps, keys.address);
  return "throttled";
}

/** A successful login forgets the account-and-address attempts and gives the address its attempt back. */
export async function loginSucceeded(deps: ThrottleDependencies, keys: ThrottleKeys): Promise<void> {
  await authSql(deps.db).query(AUTH_STATEMENTS.throttleForget, [keys.accountAndAddress]);
  if (keys.address !== null) await giveBack(deps, keys.address);
}

/**
 * The account-and-address attempt: admitted while fewer than perAccountAndAddress attempts were counted
 * in the window and no delay is running. The attempt that reaches the limit starts a delay, doubled by
 * each further admitted attempt. The window starts over once the row has been quiet for a whole window
 * after its last delay. The update happens only when no delay is running (the WHERE): no row back,
 * no admission.
 */
async function countAccountAttempt(deps: ThrottleDependencies, key: string, now: Date): Promise<boolean> {
  const { windowSeconds, maxDelaySeconds, perAccountAndAddress: limit, firstDelaySeconds } = THROTTLE;
  const rows = await authSql(deps.db).query(AUTH_STATEMENTS.throttleCountAccount, [
    key,
    now,
    limit,
    firstDelaySeconds,
    windowSeconds,
    maxDelaySeconds,
  ]);
  return rows.length === 1;
}

/** The address's attempt: admitted while fewer than perAddress were counted (and not given back) in the window. */
async function countAddressAttempt(deps: ThrottleDependencies, key: string, now: Date): Promise<boolean> {
  const rows = await authSql(deps.db).query(AUTH_STATEMENTS.throttleCountAddress, [key, now, THROTTLE.windowSeconds, THROTTLE.perAddress]);
  return rows.length === 1;
}

async function giveBack(deps: ThrottleDependencies, key: string): Promise<void> {
  await authSql(deps.db).query(AUTH_STATEMENTS.throttleGiveBack, [key]);
}

/**
 * Bounds the table: deletes every row whose window ended and whose delay ended a window ago, i.e. rows
 * that no longer change any answer. Returns how many were deleted.
 */
export async function purgeThrottleRows(deps: ThrottleTableDependencies): Promise<number> {
  const now = deps.now().toISOString();
  return deps.db.$executeRaw`
    DELETE FROM "login_throttle"
    WHERE "window_start" + make_interval(secs => ${THROTTLE.windowSeconds}::float8) <= CAST(${now} AS timestamp(3))
      AND ("locked_until" IS NULL OR "locked_until" + make_interval(secs => ${THROTTLE.windowSeconds}::float8) <= CAST(${now} AS timestamp(3)))`;
}
