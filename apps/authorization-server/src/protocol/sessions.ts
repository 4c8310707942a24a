// The AS's own login session. Its cookie is HttpOnly, SameSite=Lax and lives on the AS host only,
// so the client (on another host) never sees it. The database stores only a hash of its value.
import "server-only";
import { env } from "@/env";
import { db } from "@/lib/db";
import { randomToken, sha256 } from "@/lib/random";

export const SESSION_COOKIE = "as_session";

export type LoginSession = { id: string; userId: string; authTime: Date };

export async function createSession(userId: string): Promise<{ cookieValue: string; session: LoginSession }> {
  const cookieValue = randomToken();
  const authTime = new Date();
  const session = await db().session.create({
    data: {
      id: randomToken(16),
      tokenHash: sha256(cookieValue),
      userId,
      authTime,
      expiresAt: new Date(Date.now() + env().SESSION_TTL * 1000),
    },
  });
  return { cookieValue, session };
}

export async function findSession(cookieValue: string | undefined): Promise<LoginSession | null> {
  if (!cookieValue || cookieValue.length > 100) return null;
  const session = await db().session.findUnique({ where: { tokenHash: sha256(cookieValue) } });
  if (!session || session.expiresAt < new Date()) return null;
  return { id: session.id, userId: session.userId, authTime: session.authTime };
}

export function sessionCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().ISSUER.startsWith("https://"),
    path: "/",
    maxAge: maxAgeSeconds,
  };
}
