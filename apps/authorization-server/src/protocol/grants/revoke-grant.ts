import type { ProtocolDependencies } from "../dependencies";

/**
 * Ends a grant and every refresh and access token issued under it: used when a code is replayed
 * (RFC 6749 §4.1.2), a rotated refresh token is reused (RFC 9700 §4.14.2) or a refresh token is
 * revoked (RFC 7009 §2.1).
 */
export async function revokeGrant(deps: Pick<ProtocolDependencies, "db" | "now">, grantId: string): Promise<void> {
  const now = deps.now();
  const { db } = deps;
  await db.$transaction([
    db.grant.updateMany({ where: { id: grantId, revokedAt: null }, data: { revokedAt: now } }),
    db.refreshToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } }),
    db.accessToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
}
