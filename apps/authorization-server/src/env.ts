// The authorization server's configuration, validated once. Nothing else reads process.env.
// Read lazily so that `next build` (which has no environment) never needs it.
import "server-only";
import { LIFETIMES, parseTeachingMode } from "@oauth-flow-lab/lab";
import { z } from "zod";
import { isAddressOrRange } from "@/protocol/client-address";

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
  /** Refresh token lifetime in seconds (default 14 days), renewed by each rotation, never past GRANT_ABSOLUTE_TTL. */
  REFRESH_TOKEN_TTL: z.coerce.number().int().min(60).default(LIFETIMES.refresh_token.seconds),
  /** RFC 9700 §4.14.2: a grant's absolute lifetime in seconds (default 30 days), however often it is refreshed. */
  GRANT_ABSOLUTE_TTL: z.coerce.number().int().min(60).default(LIFETIMES.grant_absolute.seconds),
  /**
   * The reverse proxies whose X-Forwarded-For the login throttle believes: a comma-separated list of
   * addresses or CIDR ranges (e.g. "10.0.0.0/8, ::1"). Default none: X-Forwarded-For is ignored, because
   * Next.js passes a client's own header on unchanged (it fills it from the socket only when absent) and
   * gives route handlers no socket address. Then every attempt shares the address "direct"
   * (client-address.ts). Set it only when the AS is reachable solely through those proxies.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    )
    .refine((entries) => entries.every(isAddressOrRange), "TRUSTED_PROXIES: each entry is an IP address or a CIDR range"),
  /** How long a login and consent interaction may take (default 10 min). */
  INTERACTION_TTL: z.coerce.number().int().min(60).default(LIFETIMES.interaction.seconds),
  /**
   * Teaching mode: the guided client, the trace endpoints and every demo control exist only when it is
   * "1" (the demo, the tests, a school's lab). Off by default: a plain OAuth provider.
   */
  TEACHING_MODE: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => parseTeachingMode(v)),
  /**
   * The attack lab (its naive twins): "1" takes effect only together with TEACHING_MODE=1
   * (isAttackLabEffective). Off by default. The AS refuses to start with naive registrations unless it is on.
   */
  ATTACK_LAB: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => parseTeachingMode(v)),
  /** The AS's own login session lifetime (default 8 h). */
  SESSION_TTL: z.coerce.number().int().min(60).default(LIFETIMES.session.seconds),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function env(): Env {
  parsed ??= schema.parse(process.env);
  return parsed;
}
