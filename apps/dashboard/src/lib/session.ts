// Reading the signed-in user and their access token in server components.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession, type Session } from "next-auth";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { env } from "@/env";
import { authOptions } from "./auth";
import { authCookies, readChunkedCookie } from "./session-cookie";
import { parseSessionToken, type SessionToken } from "./session-token";

/** The browser-safe session (name, email, sub, error flag), or null when signed out. */
export const getSession = cache(async (): Promise<Session | null> => {
  await connection(); // per-request by nature: never prerendered at build time (no environment then)
  return getServerSession(authOptions());
});

/** The session or a redirect to the landing page. */
export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session) redirect("/");
  return session;
}

/**
 * The server-side session token, with the access token. On inbox routes the proxy has already
 * refreshed it if needed and put the new cookie on this request.
 */
export const getSessionToken = cache(async (): Promise<SessionToken | undefined> => {
  const jar = await cookies();
  const e = env();
  const raw = readChunkedCookie(jar.getAll(), authCookies(e.NEXTAUTH_URL).sessionToken.name);
  if (!raw) return undefined;
  try {
    return parseSessionToken(await decode({ token: raw, secret: e.NEXTAUTH_SECRET }));
  } catch {
    return undefined; // tampered, expired, or encrypted with another secret
  }
});
