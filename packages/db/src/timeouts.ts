// How long the apps wait for their database. Without these, a database that is down or cut off
// (connections held, never answered) makes every request hang until the load balancer gives up; with
// them the request fails within seconds and is answered 503 (unavailable.ts).

export const DATABASE_TIMEOUTS = {
  /** Waiting for a connection (a new one, or the pool's one being free) fails after this. */
  connectionTimeoutMillis: 5_000,
  /** A query without an answer fails after this (client side: PGlite ignores statement_timeout). */
  query_timeout: 15_000,
} as const;

/**
 * Prisma's interactive transactions wait for a pool connection at most 2 s by default, then fail
 * (P2028): with a small pool (the CLI's one connection, or every connection of an instance busy after
 * its twin died) a burst of requests queues longer than that. They wait as long as any query may wait
 * for a connection instead.
 */
export const TRANSACTION_TIMEOUTS = { maxWait: DATABASE_TIMEOUTS.connectionTimeoutMillis, timeout: 10_000 } as const;
