// An interaction is a validated authorization request waiting for the user to log in and consent.
// It is bound to the browser that started it by a random cookie (only its hash is stored), and its
// forms carry a CSRF token: a login or consent cannot be submitted from another site or browser.
import "server-only";
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
  await db().interaction.create({
    data: {
      id,
      bindingHash: sha256(cookieValue),
      csrfToken: randomToken(),
      clientId: request.client_id,
      params: request,
      userId: user?.userId ?? null,
      authTime: user?.authTime ?? null,
      expiresAt: new Date(Date.now() + env().INTERACTION_TTL * 1000),
    },
  });
  return { id, cookieValue };
}

/** Loads an open interaction, only for the browser holding its cookie. */
export async function findInteraction(id: string, cookieValue: string | undefined): Promise<Interaction | null> {
  if (!cookieValue || !INTERACTION_ID.test(id)) return null;
  const row = await db().interaction.findUnique({ where: { id } });
  if (!row || row.completedAt !== null || row.expiresAt < new Date()) return null;
  if (!safeEqual(row.bindingHash, sha256(cookieValue))) return null;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    request: row.params as unknown as AuthorizationRequest,
    userId: row.userId,
    authTime: row.authTime,
  };
}

export function checkCsrfToken(interaction: Interaction, submitted: string | null): boolean {
  return submitted !== null && safeEqual(interaction.csrfToken, submitted);
}

export async function attachUser(id: string, userId: string, authTime: Date): Promise<void> {
  await db().interaction.update({ where: { id }, data: { userId, authTime } });
}

/** Marks the interaction finished; returns false if it already was (a double submit). */
export async function completeInteraction(id: string): Promise<boolean> {
  const done = await db().interaction.updateMany({ where: { id, completedAt: null }, data: { completedAt: new Date() } });
  return done.count === 1;
}
