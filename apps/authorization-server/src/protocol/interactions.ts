// An interaction is a validated authorization request waiting for the user to log in and consent.
// It is bound to the browser that started it by a random cookie (only its hash is stored), and its
// forms carry a CSRF token: a login or consent cannot be submitted from another site or browser.
import "server-only";
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { env } from "@/env";
import { db } from "@/lib/db";
import { randomToken, safeEqual, sha256 } from "@/lib/random";
import type { AuthorizationRequest } from "./authorization";

export const INTERACTION_COOKIE = "as_interaction";
/** Interaction ids are randomToken(16): 22 base64url characters. */
const INTERACTION_ID = /^[A-Za-z0-9_-]{22}$/;

export type Interaction = {
  id: string;
  csrfToken: string;
  request: AuthorizationRequest;
  userId: string | null;
  authTime: Date | null;
};

/** An interactions row (auth-statements.ts interactionById); `params` is the JSON column, parsed by pg. */
type InteractionRow = {
  id: string;
  bindingHash: string;
  csrfToken: string;
  params: AuthorizationRequest;
  userId: string | null;
  authTime: Date | null;
  expiresAt: Date;
  completedAt: Date | null;
};

export function interactionCookieOptions(id: string) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().ISSUER.startsWith("https://"),
    path: `/interaction/${id}`,
    maxAge: env().INTERACTION_TTL,
  };
}

export async function createInteraction(
  request: AuthorizationRequest,
  user: { userId: string; authTime: Date } | null,
): Promise<{ id: string; cookieValue: string }> {
  const id = randomToken(16);
  const cookieValue = randomToken();
  const now = new Date();
  await authSql(db()).query(AUTH_STATEMENTS.insertInteraction, [
    id,
    sha256(cookieValue),
    randomToken(),
    request.client_id,
    JSON.stringify(request),
    user?.userId ?? null,
    user?.authTime ?? null,
    new Date(now.getTime() + env().INTERACTION_TTL * 1000),
    now,
  ]);
  return { id, cookieValue };
}

/** Loads an open interaction, only for the browser holding its cookie. */
export async function findInteraction(id: string, cookieValue: string | undefined): Promise<Interaction | null> {
  if (!cookieValue || !INTERACTION_ID.test(id)) return null;
  const [row] = await authSql(db()).query<InteractionRow>(AUTH_STATEMENTS.interactionById, [id]);
  if (!row || row.completedAt !== null || row.expiresAt < new Date()) return null;
  if (!safeEqual(row.bindingHash, sha256(cookieValue))) return null;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    request: row.params,
    userId: row.userId,
    authTime: row.authTime,
  };
}

export function checkCsrfToken(interaction: Interaction, submitted: string | null): boolean {
  return submitted !== null && safeEqual(interaction.csrfToken, submitted);
}

export async function attachUser(id: string, userId: string, authTime: Date): Promise<void> {
  await authSql(db()).query(AUTH_STATEMENTS.attachInteractionUser, [id, userId, authTime]);
}

/** Marks the interaction finished; returns false if it already was (a double submit). */
export async function completeInteraction(id: string): Promise<boolean> {
  const done = await authSql(db()).query(AUTH_STATEMENTS.completeInteraction, [id, new Date()]);
  return done.length === 1;
}
