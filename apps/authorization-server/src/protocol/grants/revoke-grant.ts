import "server-only";
import { db } from "@/lib/db";

/**
 * Ends a grant and every refresh and access token issued under it: used when a code is replayed
 * (RFC 6749 §4.1.2) or a rotated refresh token is reused (RFC 9700 §4.14.2).
 */
export async function revokeGrant(grantId: string): Promise<void> {
  const now = new Date();
  await db().$transaction([
    db().grant.updateMany({ where: { id: grantId, revokedAt: null }, data: { revokedAt: now } }),
    db().refreshToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } }),
    db().accessToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
}
