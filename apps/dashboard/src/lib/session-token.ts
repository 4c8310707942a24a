// What the dashboard keeps in next-auth's encrypted session cookie (a JWE, never readable by the
// browser). The id_token is kept for one use: the id_token_hint of RP-Initiated Logout at sign-out.
import { z } from "zod";

/** Set when the token endpoint could not be reached: the session lives on, but the inbox may fail. */
export const REFRESH_ERROR = "RefreshAccessTokenError";

export const sessionTokenSchema = z.object({
  /** The user's subject identifier at LabMail (id_token `sub`). */
  sub: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  /** OpenID Connect RP-Initiated Logout 1.0 §2: sent back to LabMail as id_token_hint at sign-out. */
  id_token: z.string().min(1).optional(),
  /** RFC 6749 §5.1: the scope the access token carries (incremental consent: is mail.send there yet?). */
  scope: z.string().optional(),
  /** Seconds since the epoch. */
  expires_at: z.number().int().optional(),
  error: z.literal(REFRESH_ERROR).optional(),
});

export type SessionToken = z.infer<typeof sessionTokenSchema>;

/** Validates a decoded session JWT; drops next-auth's own claims (iat, exp, jti), which encode() sets again. */
export function parseSessionToken(decoded: unknown): SessionToken | undefined {
  const result = sessionTokenSchema.safeParse(decoded);
  return result.success ? result.data : undefined;
}
