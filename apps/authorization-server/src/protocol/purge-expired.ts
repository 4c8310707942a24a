// Rows past their lifetime are deleted on a schedule, so that no table grows without bound: every
// anonymous GET /authorize leaves an interaction, every flow a code and a grant, every login a session
// and throttle rows, every token request an access-token record (RFC 9700 §4.14.2 for the grant's end,
// OWASP ASVS 2.2.1 for the throttle). What a row still proves is kept as long as it proves something:
// a spent code for LIFETIMES.code_replay_memory past its expiry (RFC 6749 §4.1.2: a late replay still
// revokes its grant), a throttle row until its window and delay are over.
import { LIFETIMES } from "@oauth-flow-lab/lab";
import type { AuthDatabase } from "./dependencies";
import { purgeThrottleRows } from "./login-throttle";

export type PurgeDependencies = {
  db: Pick<
    AuthDatabase,
    "interaction" | "authorizationCode" | "session" | "refreshToken" | "grant" | "accessToken" | "$queryRaw" | "$executeRaw"
  >;
  now: () => Date;
};

export type PurgeCounts = {
  grants: number;
  refresh_tokens: number;
  access_tokens: number;
  authorization_codes: number;
  interactions: number;
  sessions: number;
  login_throttle: number;
};

/** Deletes every row past its lifetime (see above) and says how many of each. */
export async function purgeExpiredRows(deps: PurgeDependencies): Promise<PurgeCounts> {
  const now = deps.now();
  const { db } = deps;
  const codesBefore = new Date(now.getTime() - LIFETIMES.code_replay_memory.seconds * 1000);
  // Grants past their absolute lifetime first: their codes and tokens go with them (ON DELETE CASCADE).
  const grants = await db.grant.deleteMany({ where: { expiresAt: { lte: now } } });
  const refresh_tokens = await db.refreshToken.deleteMany({ where: { expiresAt: { lte: now } } });
  const access_tokens = await db.accessToken.deleteMany({ where: { expiresAt: { lte: now } } });
  const authorization_codes = await db.authorizationCode.deleteMany({ where: { expiresAt: { lte: codesBefore } } });
  const interactions = await db.interaction.deleteMany({ where: { expiresAt: { lte: now } } });
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const login_throttle = await purgeThrottleRows(deps);
  return {
    grants: grants.count,
    refresh_tokens: refresh_tokens.count,
    access_tokens: access_tokens.count,
    authorization_codes: authorization_codes.count,
    interactions: interactions.count,
    sessions: sessions.count,
    login_throttle,
  };
}

const JOB = "purge-expired";

/**
 * Runs the purge if no instance of the AS ran it in the last `intervalSeconds` (default
 * LIFETIMES.purge_interval). The claim is one conditional upsert of a row in `maintenance_runs`, so of
 * several instances (or ticks) only one runs it per interval. Returns the counts, or null when not due.
 */
export async function purgeExpiredRowsIfDue(
  deps: PurgeDependencies,
  intervalSeconds: number = LIFETIMES.purge_interval.seconds,
): Promise<PurgeCounts | null> {
  const claimed = await deps.db.$queryRaw<{ name: string }[]>`
    INSERT INTO "maintenance_runs" AS m ("name", "last_run_at")
    VALUES (${JOB}, CAST(${deps.now().toISOString()} AS timestamp(3)))
    ON CONFLICT ("name") DO UPDATE SET "last_run_at" = EXCLUDED."last_run_at"
    WHERE m."last_run_at" + make_interval(secs => ${intervalSeconds}::float8) <= EXCLUDED."last_run_at"
    RETURNING m."name"`;
  return claimed.length === 1 ? purgeExpiredRows(deps) : null;
}
