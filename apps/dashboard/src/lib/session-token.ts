// What the dashboard keeps in next-auth's encrypted session cookie (a JWE, never readable by the
// browser). Kept small so it fits one cookie: no id_token (we never need it after sign-in, and the
// authorization server has no end_session endpoint to send it to).
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
