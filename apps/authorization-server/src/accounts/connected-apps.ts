// "Connected apps" on the account page: every client a user has granted, and revoking one. Reads the
// AS's own consents and grants; revoking goes through the protocol's revokeGrant (RFC 7009 §2.1: a
// grant's refresh tokens end at once, its access tokens are marked revoked, so introspection answers
// `active: false` and the mail API refuses them once its cached answer ends, LIFETIMES.introspection_cache).
import { isScope, SCOPES } from "@oauth-flow-lab/oauth";
import type { ProtocolDependencies } from "@/protocol/dependencies";
import { revokeGrant } from "@/protocol/grants/revoke-grant";

export type ConnectedScope = { scope: string; title: string; description: string };

export type ConnectedApp = {
  clientId: string;
  clientName: string;
  /** In the consent screen's wording (packages/oauth SCOPES). */
  scopes: ConnectedScope[];
  /** The first consent or grant still in force. */
  grantedAt: Date;
  /** When the last token was issued for one of its grants; null if none was. */
  lastUsedAt: Date | null;
};

type Dependencies = Pick<ProtocolDependencies, "db" | "now">;

function describeScopes(scopes: Iterable<string>): ConnectedScope[] {
  return [...new Set(scopes)].map((scope) =>
    isScope(scope) ? { scope, ...SCOPES[scope] } : { scope, title: scope, description: "A permission this server no longer describes." },
  );
}

/** The clients this user has a consent for, or a grant that is neither revoked nor past its absolute lifetime. */
export async function listConnectedApps(deps: Dependencies, userId: string): Promise<ConnectedApp[]> {
  const now = deps.now();
  const [consents, grants] = await Promise.all([
    deps.db.consent.findMany({ where: { userId }, include: { client: { select: { name: true } } } }),
    deps.db.grant.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now } },
      include: { client: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const apps = new Map<string, ConnectedApp & { scopeSet: Set<string> }>();
  const entry = (clientId: string, clientName: string, at: Date) => {
    let app = apps.get(clientId);
    if (!app) {
      app = { clientId, clientName, scopes: [], grantedAt: at, lastUsedAt: null, scopeSet: new Set() };
      apps.set(clientId, app);
    }
    if (at < app.grantedAt) app.grantedAt = at;
    return app;
  };
  for (const consent of consents) {
    const app = entry(consent.clientId, consent.client.name, consent.updatedAt);
    for (const scope of consent.scopes) app.scopeSet.add(scope);
  }
  for (const grant of grants) {
    const app = entry(grant.clientId, grant.client.name, grant.createdAt);
    for (const scope of grant.scope.split(" ")) if (scope !== "") app.scopeSet.add(scope);
    if (grant.lastUsedAt && (!app.lastUsedAt || grant.lastUsedAt > app.lastUsedAt)) app.lastUsedAt = grant.lastUsedAt;
  }
  return [...apps.values()]
    .map(({ scopeSet, ...app }) => ({ ...app, scopes: describeScopes(scopeSet) }))
    .sort((a, b) => a.clientName.localeCompare(b.clientName));
}

/**
 * Revokes every grant this user gave this client (revokeGrant: refresh tokens at once, access tokens
 * marked revoked for introspection) and forgets the consent, so the next authorization asks again.
 * Returns how many grants were revoked.
 */
export async function revokeConnectedApp(deps: Dependencies, userId: string, clientId: string): Promise<number> {
  const grants = await deps.db.grant.findMany({ where: { userId, clientId, revokedAt: null }, select: { id: true } });
  for (const grant of grants) await revokeGrant(deps, grant.id);
  await deps.db.consent.deleteMany({ where: { userId, clientId } });
  return grants.length;
}
