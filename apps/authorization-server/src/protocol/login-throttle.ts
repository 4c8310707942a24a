// Brute-force protection for the login form (RFC 9700 §4 does not name it, but every password login
// needs it; OWASP ASVS 2.2.1). Failures are counted per account and per client address in a window;
// past the limit the key is locked for a while. The same answer is given whether or not the account
// exists, so the lock cannot be used to find out which usernames are registered.
import "server-only";
import { LIFETIMES, LOGIN_THROTTLE } from "@oauth-flow-lab/lab";
import { db } from "@/lib/db";
import { isStorableText } from "./parameters";

/** Failures allowed per account and per address, in a window that is also the lock (lab registry). */
export const THROTTLE = {
  windowSeconds: LIFETIMES.login_lock.seconds,
  lockSeconds: LIFETIMES.login_lock.seconds,
  ...LOGIN_THROTTLE,
} as const;

export type ThrottleKeys = { account: string; address: string };

export function throttleKeys(username: string, address: string | null): ThrottleKeys {
  const account = isStorableText(username) ? username.trim().toLowerCase().slice(0, 200) : "(invalid)";
  return { account: `account:${account}`, address: `address:${address ?? "unknown"}` };
}

/** The time until which login is refused for these keys, or null. */
export async function lockedUntil(keys: ThrottleKeys): Promise<Date | null> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: [keys.account, keys.address] } } });
  const now = Date.now();
  const until = rows.map((r) => r.lockedUntil?.getTime() ?? 0).filter((t) => t > now);
  return until.length > 0 ? new Date(Math.max(...until)) : null;
}

export async function recordFailure(keys: ThrottleKeys): Promise<void> {
  await Promise.all([
    count(keys.account, THROTTLE.perAccount),
    count(keys.address, THROTTLE.perAddress),
  ]);
}

/** A successful login clears the account's failures (not the address's). */
export async function clearFailures(keys: ThrottleKeys): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keys.account } });
}

async function count(key: string, limit: number): Promise<void> {
  const now = new Date();
  const row = await db().loginThrottle.findUnique({ where: { key } });
  const fresh = !row || row.windowStart.getTime() + THROTTLE.windowSeconds * 1000 < now.getTime();
  const failures = fresh ? 1 : row.failures + 1;
  const lock = failures >= limit ? new Date(now.getTime() + THROTTLE.lockSeconds * 1000) : (row?.lockedUntil ?? null);
  await db().loginThrottle.upsert({
    where: { key },
    create: { key, failures, windowStart: now, lockedUntil: lock },
    update: { failures, windowStart: fresh ? now : row.windowStart, lockedUntil: lock },
  });
}
