// The mail API process: `tsx src/server.ts`. A resource server (RFC 6749 §1.1) that accepts the
// authorization server's JWT access tokens (RFC 9068) and serves each user their own mailbox.
import { createServer } from "node:http";
import { mailDb } from "@oauth-flow-lab/db/mail";
import { createMailSqlPool } from "@oauth-flow-lab/db/mail-sql";
import { isAttackLabEffective } from "@oauth-flow-lab/lab";
import { createLogger, flushLogger } from "@oauth-flow-lab/log";
import { createRequestListener } from "./app.ts";
import { env } from "./env.ts";
import { withHealth } from "./health.ts";
import { createMailbox } from "./mailbox.ts";
import { createNaiveEndpoint, httpKeySources } from "./naive/naive-endpoint.ts";
import { introspectAccessToken, withRevocationCheck } from "./token-status.ts";
import { capabilityIssuedAt, createDatabaseTrace } from "./trace.ts";
import { createAccessTokenVerifier, createIssuerKeySet, discoverIntrospectionEndpoint } from "./verify-access-token.ts";

/** How long requests in flight may take to finish once SIGTERM arrived; then they are cut (env.ts). */
const SHUTDOWN_GRACE_MS = env.SHUTDOWN_TIMEOUT_MS - 1000;

const logger = createLogger("mail-api");
const db = mailDb(env.MAIL_DATABASE_URL);
// The hot reads (mailbox.ts) go through `pg` directly; Prisma keeps the rare writes and the trace.
const sql = createMailSqlPool(env.MAIL_DATABASE_URL, env.MAIL_DATABASE_POOL_SIZE);

let introspectionEndpoint: Promise<URL> | undefined;
const introspection = {
  // Discovered on the first token, like the keys; a failure is retried on the next request.
  endpoint: () =>
    (introspectionEndpoint ??= discoverIntrospectionEndpoint(env.ISSUER).catch((error: unknown) => {
      introspectionEndpoint = undefined;
      throw error;
    })),
  client_id: env.MAIL_API_CLIENT_ID,
  client_secret: env.MAIL_API_CLIENT_SECRET,
};

const verifier = withRevocationCheck(
  createAccessTokenVerifier({
    issuer: env.ISSUER,
    audience: env.MAIL_API_AUDIENCE,
    // Discovered on the first token, not at startup: the AS may not be up yet.
    keySet: createIssuerKeySet(env.ISSUER),
  }),
  (token, { requestId }) => introspectAccessToken(introspection, token, requestId),
);

const logError = (message: string, error: unknown) => logger.error({ err: error }, message);

let shuttingDown = false;
const server = createServer(
  // GET /health/live and /health/ready (a `SELECT 1` with a timeout) in front of the routes: health.ts.
  withHealth(
    (req, res) => {
      // Draining: answer, then close the connection rather than keep it alive for a next request.
      if (shuttingDown) res.shouldKeepAlive = false;
      app(req, res);
    },
    () => sql.query("SELECT 1"),
  ),
);
const app = createRequestListener({
  verifier,
  mailbox: createMailbox(db, sql),
  corsOrigins: env.MAIL_API_CORS_ORIGINS,
  logger,
  ...(env.TEACHING_MODE ? { trace: createDatabaseTrace(db, { capabilityIssued: capabilityIssuedAt(env.ISSUER), logError }) } : {}),
  // The attack lab's naive twin: its own route and synthetic mailbox, and no database.
  ...(isAttackLabEffective(env.TEACHING_MODE, env.ATTACK_LAB) ? { naive: createNaiveEndpoint(httpKeySources(env.ISSUER)) } : {}),
});
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;

server.listen(env.PORT, env.HOST, () => {
  logger.info(
    {
      url: `http://${env.HOST}:${env.PORT}`,
      issuer: env.ISSUER,
      audience: env.MAIL_API_AUDIENCE,
      ...(isAttackLabEffective(env.TEACHING_MODE, env.ATTACK_LAB) ? { naive_endpoint: "/naive/v1/messages" } : {}),
    },
    "mail-api listening",
  );
});
server.on("error", (error) => {
  logger.fatal({ err: error }, "server error");
  void flushLogger(logger).then(() => process.exit(1));
});

/**
 * SIGTERM (a container stop, the load balancer's rolling restart): stop accepting connections, let the
 * requests in flight finish (at most SHUTDOWN_GRACE_MS, then they are cut), close the database pools,
 * write out the log, exit 0 (1 if requests had to be cut).
 */
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down: finishing the requests in flight");
  let cut = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections with no request in flight are closed now, and the others as soon as their
  // request is answered (a request that arrives meanwhile on one of them is answered `Connection: close`).
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const grace = setTimeout(() => {
    cut = true;
    logger.warn({ grace_ms: SHUTDOWN_GRACE_MS }, "shutting down: requests still in flight were cut");
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  await closed;
  clearInterval(idle);
  clearTimeout(grace);
  await Promise.all([
    sql.end().catch((error: unknown) => logError("closing the pg pool failed", error)),
    db.$disconnect().catch((error: unknown) => logError("closing the Prisma client failed", error)),
  ]);
  logger.info({ signal }, "stopped");
  await flushLogger(logger);
  process.exit(cut ? 1 : 0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
