// Teaching mode only: the AS's own rows behind one guided flow, as stored (GET /trace/rows). Hashes
// stay hashes; nothing is decoded, joined from elsewhere or written. Which rows are the flow's comes
// from what the trace recorded on its TraceFlow row (lib/trace.ts): the interaction its consent
// finished and the grant of the code and tokens it was issued. Read with the flow's capability only.
import "server-only";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/random";
import { teachingMode } from "@/lib/trace";

/** A capability is 32 random bytes, base64url: 43 characters. */
const CAPABILITY = /^[A-Za-z0-9_-]{43}$/;

/** The wire shape of GET /trace/rows: snake_case column names, timestamps as ISO 8601 (null when unset). */
export type StoredRows = {
  /** `interactions`: the validated authorization request waiting for login and consent (RFC 6749 §4.1.1). */
  interaction: {
    id: string;
    client_id: string;
    /** The request parameters as the AS stored them after validating them. */
    params: unknown;
    expires_at: string;
    completed_at: string | null;
  } | null;
  /** `authorization_codes`: only the code's SHA-256; consumed_at is the spent flag (RFC 6749 §10.5). */
  authorization_codes: { code_hash: string; expires_at: string; consumed_at: string | null }[];
  /** `grants`: what the user allowed; revoking it ends every code and token of it. */
  grant: { id: string; scope: string; auth_time: string; revoked_at: string | null } | null;
  /** `refresh_tokens`: the family, oldest first, only as hashes (RFC 6749 §10.4, RFC 9700 §4.14). */
  refresh_tokens: { token_hash: string; created_at: string; used_at: string | null; revoked_at: string | null; expires_at: string }[];
  /** `access_tokens`: one record per issued JWT by its jti, so that it can be introspected and revoked. */
  access_tokens: { jti: string; expires_at: string; revoked_at: string | null }[];
};

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

/** The flow's stored rows; undefined (answered 404) when teaching mode is off or the capability names no live flow. */
export async function readStoredRows(capability: string): Promise<StoredRows | undefined> {
  if (!teachingMode() || !CAPABILITY.test(capability)) return undefined;
  const flow = await db().traceFlow.findUnique({
    where: { id: sha256(capability) },
    select: { clientId: true, interactionId: true, grantId: true, expiresAt: true },
  });
  if (!flow || flow.expiresAt < new Date()) return undefined;

  const [interaction, grant] = await Promise.all([
    flow.interactionId === null ? null : db().interaction.findUnique({ where: { id: flow.interactionId } }),
    flow.grantId === null
      ? null
      : db().grant.findUnique({
          where: { id: flow.grantId },
          include: {
            codes: { orderBy: { createdAt: "asc" } },
            refreshTokens: { orderBy: { createdAt: "asc" } },
            accessTokens: { orderBy: { createdAt: "asc" } },
          },
        }),
  ]);
  // Only rows of this flow's client; the interaction only if it led to this grant's user.
  const ownGrant = grant && grant.clientId === flow.clientId ? grant : null;
  const ownInteraction =
    interaction && interaction.clientId === flow.clientId && (ownGrant === null || interaction.userId === ownGrant.userId)
      ? interaction
      : null;

  return {
    interaction: ownInteraction && {
      id: ownInteraction.id,
      client_id: ownInteraction.clientId,
      params: ownInteraction.params,
      expires_at: iso(ownInteraction.expiresAt),
      completed_at: isoOrNull(ownInteraction.completedAt),
    },
    authorization_codes: (ownGrant?.codes ?? []).map((c) => ({
      code_hash: c.codeHash,
      expires_at: iso(c.expiresAt),
      consumed_at: isoOrNull(c.consumedAt),
    })),
    grant: ownGrant && {
      id: ownGrant.id,
      scope: ownGrant.scope,
      auth_time: iso(ownGrant.authTime),
      revoked_at: isoOrNull(ownGrant.revokedAt),
    },
    refresh_tokens: (ownGrant?.refreshTokens ?? []).map((t) => ({
      token_hash: t.tokenHash,
      created_at: iso(t.createdAt),
      used_at: isoOrNull(t.usedAt),
      revoked_at: isoOrNull(t.revokedAt),
      expires_at: iso(t.expiresAt),
    })),
    access_tokens: (ownGrant?.accessTokens ?? []).map((t) => ({
      jti: t.jti,
      expires_at: iso(t.expiresAt),
      revoked_at: isoOrNull(t.revokedAt),
    })),
  };
}
