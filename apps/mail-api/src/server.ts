// The mail API process: `tsx src/server.ts`. A resource server (RFC 6749 §1.1) that accepts the
// authorization server's JWT access tokens (RFC 9068) and serves each user their own mailbox.
import { createServer } from "node:http";
import { mailDb } from "@oauth-flow-lab/db/mail";
import { isAttackLabEffective } from "@oauth-flow-lab/lab";
import { createRequestListener } from "./app.ts";
import { env } from "./env.ts";
import { withHealth } from "./health.ts";
import { createMailbox } from "./mailbox.ts";
import { createNaiveEndpoint, httpKeySources } from "./naive/naive-endpoint.ts";
import { introspectAccessToken, withRevocationCheck } from "./token-status.ts";
import { capabilityIssuedAt, createDatabaseTrace } from "./trace.ts";
import { createAccessTokenVerifier, createIssuerKeySet, discoverIntrospectionEndpoint } from "./verify-access-token.ts";

const db = mailDb(env.MAIL_DATABASE_URL);

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
  (token) => introspectAccessToken(introspection, token),
);

const server = createServer(
  // GET /health/live and /health/ready (a `SELECT 1` with a timeout) in front of the routes: health.ts.
  withHealth(
    createRequestListener({
      verifier,
      mailbox: createMailbox(db),
      corsOrigins: env.MAIL_API_CORS_ORIGINS,
      ...(env.TEACHING_MODE ? { trace: createDatabaseTrace(db, { capabilityIssued: capabilityIssuedAt(env.ISSUER) }) } : {}),
      // The attack lab's naive twin: its own route and synthetic mailbox, and no database.
      ...(isAttackLabEffective(env.TEACHING_MODE, env.ATTACK_LAB) ? { naive: createNaiveEndpoint(httpKeySources(env.ISSUER)) } : {}),
    }),
    () => db.$queryRaw`SELECT 1`,
  ),
);
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;

server.listen(env.PORT, env.HOST, () => {
  const naive = isAttackLabEffective(env.TEACHING_MODE, env.ATTACK_LAB) ? "; attack lab: naive endpoint at /naive/v1/messages" : "";
  console.log(`mail-api listening on http://${env.HOST}:${env.PORT} (issuer ${env.ISSUER}, audience ${env.MAIL_API_AUDIENCE}${naive})`);
});
server.on("error", (error) => {
  console.error("mail-api: server error", error);
  process.exit(1);
});

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`mail-api: ${signal}, shutting down`);
  // Give in-flight requests a moment, then stop regardless.
  setTimeout(() => process.exit(1), 5000).unref();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.$disconnect().catch((error: unknown) => console.error("mail-api: disconnect failed", error));
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
