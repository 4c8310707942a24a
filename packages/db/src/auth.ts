// The authorization server's database client: created once per process, here and nowhere else.
// The mail API imports "@oauth-flow-lab/db/mail" instead and never sees these tables.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/auth/client.ts";
import { DATABASE_TIMEOUTS, TRANSACTION_TIMEOUTS } from "./timeouts.ts";

export * from "./generated/auth/client.ts";

const globalForDb = globalThis as unknown as { authDb?: PrismaClient };

/**
 * One connection per process: the embedded PostgreSQL (PGlite) serves one query at a time, and a
 * pool of one keeps interactive transactions from interleaving (see ../../shared notes on PGlite).
 */
export function createAuthDb(connectionString: string, poolSize = 1): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolSize, ...DATABASE_TIMEOUTS }),
    transactionOptions: TRANSACTION_TIMEOUTS,
  });
}

export function authDb(connectionString: string): PrismaClient {
  globalForDb.authDb ??= createAuthDb(connectionString);
  return globalForDb.authDb;
}
