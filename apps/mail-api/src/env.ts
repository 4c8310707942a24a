// The mail API's configuration: read and validated once, here. No other module reads process.env.
import { parseTeachingMode } from "@oauth-flow-lab/lab";
import { createLogger, flushLogger } from "@oauth-flow-lab/log";
import { z } from "zod";

/** RFC 8414 §2: an issuer is an https (here also http, for the local lab) URL with no query or fragment. */
const issuerUrl = z.url({ protocol: /^https?$/ }).refine((value) => {
  const url = new URL(value);
  return url.search === "" && url.hash === "";
}, "must have no query or fragment (RFC 8414 §2)");

const schema = z.object({
  /** Loopback by default: the lab is not meant to be reachable from the network. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** The demo's port for the mail API (scripts/lib/config.ts). */
  PORT: z.coerce.number().int().min(1).max(65535).default(5000),
  /** The authorization server's issuer identifier; compared exactly with `iss` and its metadata (RFC 8414 §3.3). */
  ISSUER: issuerUrl,
  /** This API's resource identifier, its own base URL: the `aud` its access tokens must carry (RFC 9068 §4). */
  MAIL_API_AUDIENCE: z.url({ protocol: /^https?$/ }),
  MAIL_DATABASE_URL: z.string().min(1),
  /**
   * Connections of the `pg` pool that serves the reads (mail-sql.ts). 4 keeps up with this process on
   * PostgreSQL at 50 concurrent requests; on the embedded database (one session) more would only
   * take more of its connections.
   */
  MAIL_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
  /** This API's own client registration at the AS, used only to call its introspection endpoint (RFC 7662 §2.1). */
  MAIL_API_CLIENT_ID: z.string().min(1).default("mail-api"),
  MAIL_API_CLIENT_SECRET: z.string().min(1),
  /**
   * How long a stop may take (the start scripts' bound too, scripts/start/lib.mjs): on SIGTERM the server
   * lets the requests in flight finish for up to this much less a second, then cuts them, so that it
   * still closes its pools and writes out its log before the bound.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(2000).max(600_000).default(8000),
  /** Origins (comma-separated) of browser-based clients allowed to call the API (CORS); none by default. */
  MAIL_API_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Teaching mode: the trace (GET /trace) exists only when "1" (the demo, the tests, a school's lab). */
  TEACHING_MODE: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => parseTeachingMode(v)),
  /**
   * The attack lab: the naive endpoint GET /naive/v1/messages (naive/) exists only when "1" AND
   * TEACHING_MODE is "1" (isAttackLabEffective). Off by default; the real routes never change.
   */
  ATTACK_LAB: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => parseTeachingMode(v)),
});

export type Env = z.infer<typeof schema>;

async function loadEnv(): Promise<Env> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    // Names and messages only: never a value (MAIL_API_CLIENT_SECRET, the database URL's password).
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    const logger = createLogger("mail-api");
    logger.fatal({ problems }, "invalid environment");
    await flushLogger(logger);
    process.exit(1);
  }
  return parsed.data;
}

export const env: Env = await loadEnv();
