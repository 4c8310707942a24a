// Is this error "the database cannot be reached right now" (down, restarting, cut off, too slow to
// connect) rather than a fault of the query or the code? The apps answer the former with a 503 that
// tells the client to try again, never a 500: nothing is wrong with the request.

/**
 * Prisma's codes for an unreachable or vanished server, a pool that waited too long for a connection
 * (P2024) and a transaction that could not get one in time (P2028): overloaded counts as unavailable
 * too (RFC 6749 §4.1.2.1 `temporarily_unavailable`: "overloading or maintenance").
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** PostgreSQL's connection exceptions (class 08) and shutdown states (57P01–57P03). */
const POSTGRES_CODES = new Set(["08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03"]);
/** The socket-level codes Node gives a connection that failed or was dropped. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH"]);
/** Prisma driver adapters' error kinds for the same situations. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** What pg and Prisma say when no code is attached (pool connection timeout, connection ended mid-query). */
const MESSAGES =
  /timeout exceeded when trying to connect|connection terminated|Connection ended unexpectedly|Query read timeout|Can't reach database server|Server has closed the connection|Client has encountered a connection error|connection is closed|database system is (?:starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const e = current as { name?: unknown; code?: unknown; kind?: unknown; message?: unknown; cause?: unknown };
    if (e.name === "PrismaClientInitializationError") return true;
    if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || POSTGRES_CODES.has(e.code) || SOCKET_CODES.has(e.code))) return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}
