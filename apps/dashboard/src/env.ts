// The dashboard's configuration, validated once. Nothing else reads process.env (next-auth itself
// still reads NEXTAUTH_URL, which is why it is required here).
// Read lazily, at the first request, so that `next build` (which runs without an environment) never needs it.
import { z } from "zod";

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""));

const schema = z.object({
  /** The dashboard's own origin, exactly as the browser uses it (localhost ≠ 127.0.0.1 for cookies). */
  NEXTAUTH_URL: url,
  /** Key material for the encrypted session cookie (A256GCM via HKDF): at least 32 characters. */
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)"),
  /** The authorization server's issuer identifier (OpenID Connect Discovery §4). */
  ISSUER: url,
  /** The dashboard's client_id at the authorization server (RFC 6749 §2.2). */
  OAUTH_CLIENT_ID: z.string().min(1).default("dashboard"),
  /** The dashboard's client_secret (RFC 6749 §2.3.1): a confidential client. */
  OAUTH_CLIENT_SECRET: z.string().min(1),
  /** The client_id of the browser-based public client served at /spa (no secret: RFC 6749 §2.1). */
  PUBLIC_CLIENT_ID: z.string().min(1).default("maildash-lite"),
  /** Base URL of the mail API (the resource server). */
  MAIL_API_URL: url,
  /**
   * Teaching only: the guided flow's demo clock ("expire the access token now"). "1" shows it, in the
   * demo and test configuration; off by default, and then the action answers 403.
   */
  GUIDED_DEMO_CONTROLS: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    throw new Error(`Invalid dashboard environment:\n${z.prettifyError(result.error)}`);
  }
  parsed = result.data;
  return parsed;
}
