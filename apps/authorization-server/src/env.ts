// The authorization server's configuration, validated once. Nothing else reads process.env.
// Read lazily so that `next build` (which has no environment) never needs it.
import "server-only";
import { LIFETIMES, parseTeachingMode } from "@oauth-flow-lab/lab";
import { z } from "zod";

const schema = z.object({
  /** RFC 8414 §2: the issuer identifier, an https (or loopback http) URL with no query or fragment. */
  ISSUER: z.url().refine((u) => !u.endsWith("/"), "ISSUER must not end with /"),
  AUTH_DATABASE_URL: z.string().min(1),
  /** RFC 9068 §3: the `aud` of access tokens: the mail API's identifier (its base URL). */
  MAIL_API_AUDIENCE: z.url(),
  /** Access token lifetime in seconds; RFC 9700 §4.10 prefers short-lived tokens (default 10 min). */
  ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).max(3600).default(LIFETIMES.access_token.seconds),
  /** RFC 6749 §4.1.2: "a maximum authorization code lifetime of 10 minutes is RECOMMENDED"; we use 60 s. */
  AUTHORIZATION_CODE_TTL: z.coerce.number().int().min(1).max(600).default(LIFETIMES.authorization_code.seconds),
  /** Refresh token lifetime in seconds (default 14 days), renewed by each rotation. */
  REFRESH_TOKEN_TTL: z.coerce.number().int().min(60).default(LIFETIMES.refresh_token.seconds),
  /** How long a login and consent interaction may take (default 10 min). */
  INTERACTION_TTL: z.coerce.number().int().min(60).default(LIFETIMES.interaction.seconds),
  /**
   * Teaching mode: the guided client, the trace endpoints and every demo control exist only when it is
   * "1" (the demo, the tests, a school's lab). Off by default: a plain OAuth provider.
   */
  TEACHING_MODE: z.enum(["0", "1"]).default("0").transform((v) => parseTeachingMode(v)),
  /** The AS's own login session lifetime (default 8 h). */
  SESSION_TTL: z.coerce.number().int().min(60).default(LIFETIMES.session.seconds),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function env(): Env {
  parsed ??= schema.parse(process.env);
  return parsed;
}
