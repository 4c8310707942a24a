// The mail API's database client: created once per process, here and nowhere else.
// It connects to the mail database only: no OAuth table is reachable through it.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/mail/client.ts";
import { DATABASE_TIMEOUTS, TRANSACTION_TIMEOUTS } from "./timeouts.ts";

export * from "./generated/mail/client.ts";

const globalForDb = globalThis as unknown as { mailDb?: PrismaClient };

export function createMailDb(connectionString: string, poolSize = 1): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolSize, ...DATABASE_TIMEOUTS }),
    transactionOptions: TRANSACTION_TIMEOUTS,
  });
}

export function mailDb(connectionString: string): PrismaClient {
  globalForDb.mailDb ??= createMailDb(connectionString);
  return globalForDb.mailDb;
}
