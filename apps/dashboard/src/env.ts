// The dashboard's configuration, validated once. Nothing else reads process.env (next-auth itself
// still reads NEXTAUTH_URL, which is why it is required here).
// Read lazily, at the first request, so that `next build` (which runs without an environment) never needs it.

import { CLIENTS, isAttackLabEffective, parseNaiveClientSecrets, parseTeachingMode } from "@oauth-flow-lab/lab";
import { z } from "zod";

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""));

const schema = z
  .object({
    /** The dashboard's own origin, exactly as the browser uses it (localhost ≠ 127.0.0.1 for cookies). */
    NEXTAUTH_URL: url,
    /** Key material for the encrypted session cookie (A256GCM via HKDF): at least 32 characters. */
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)"),
    /** The authorization server's issuer identifier (OpenID Connect Discovery §4). */
    ISSUER: url,
    /** The dashboard's client_id at the authorization server (RFC 6749 §2.2), from the lab registry. */
    OAUTH_CLIENT_ID: z.string().min(1).default(CLIENTS.dashboard.client_id),
    /** The dashboard's client_secret (RFC 6749 §2.3.1): a confidential client. Never shown on any page. */
    OAUTH_CLIENT_SECRET: z.string().min(1),
    /** The client_id of the browser-based public client served at /spa (no secret: RFC 6749 §2.1). */
    PUBLIC_CLIENT_ID: z.string().min(1).default(CLIENTS.spa.client_id),
    /** Base URL of the mail API (the resource server). */
    MAIL_API_URL: url,
    /**
     * Teaching mode ("1" on, "0" off; off by default): the guided flow (/guided), its own client
     * registration, the servers' traces and the demo controls. Off, every /guided URL answers 404.
     */
    TEACHING_MODE: z
      .enum(["0", "1"])
      .default("0")
      .transform((value) => parseTeachingMode(value)),
    /** The guided flow's own confidential client (registered at the AS only in teaching mode). */
    GUIDED_CLIENT_ID: z.string().min(1).default(CLIENTS.guided.client_id),
    /** Its client_secret: safe to reveal on a projector (it can do nothing the guided flow cannot). Required in teaching mode. */
    GUIDED_CLIENT_SECRET: z.string().min(1).optional(),
    /**
     * The attack lab ("1" on, "0" off; off by default): /attacks, its scenarios and the naive twins.
     * Effective only with TEACHING_MODE on; off, every /attacks URL answers 404 and nothing links to it.
     */
    ATTACK_LAB: z
      .enum(["0", "1"])
      .default("0")
      .transform((value) => parseTeachingMode(value)),
    /**
     * The naive twins' client secrets, as JSON {client_id: secret} (client ids from NAIVE_CLIENTS in the
     * lab registry; parsed by the registry's parseNaiveClientSecrets). Demo registrations only; never
     * shown or exported. Required when the attack lab is on.
     */
    NAIVE_CLIENT_SECRETS: z.string().optional(),
    /**
     * Where the short-lived state of guided flows and attack runs lives (lib/state/store.ts): Redis at
     * this URL, shared by every dashboard instance. Unset, this process's memory (one instance only).
     */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** The prefix of this deployment's Redis keys (several labs may share one Redis). */
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .default("maildash"),
  })
  .superRefine((e, ctx) => {
    if (!e.TEACHING_MODE) return;
    if (e.GUIDED_CLIENT_SECRET === undefined) {
      ctx.addIssue({ code: "custom", path: ["GUIDED_CLIENT_SECRET"], message: "GUIDED_CLIENT_SECRET is required when TEACHING_MODE=1" });
    }
    // The guided flow shows its credentials: it must never be the real dashboard.
    if (e.GUIDED_CLIENT_ID === e.OAUTH_CLIENT_ID || e.GUIDED_CLIENT_SECRET === e.OAUTH_CLIENT_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["GUIDED_CLIENT_ID"],
        message: "the guided client must be a registration of its own, not the dashboard's",
      });
    }
    if (isAttackLabEffective(e.TEACHING_MODE, e.ATTACK_LAB)) {
      try {
        parseNaiveClientSecrets(e.NAIVE_CLIENT_SECRETS);
      } catch (error) {
        // The message names what is missing, never a secret.
        ctx.addIssue({ code: "custom", path: ["NAIVE_CLIENT_SECRETS"], message: error instanceof Error ? error.message : "malformed" });
      }
    }
  })
  .transform(({ NAIVE_CLIENT_SECRETS, ...e }) => {
    const attackLab = isAttackLabEffective(e.TEACHING_MODE, e.ATTACK_LAB);
    return {
      ...e,
      /** Effective only inside teaching mode. */
      ATTACK_LAB: attackLab,
      /** {client_id: secret} of the naive twins, parsed; empty unless the attack lab is on. */
      NAIVE_CLIENT_SECRETS: attackLab ? parseNaiveClientSecrets(NAIVE_CLIENT_SECRETS) : ({} as Record<string, string>),
    };
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
