// The developer console (issue 10): a signed-in user registers clients of their own, rotates a
// confidential client's secret and disables a client; a teacher sees and may disable every registered
// client. The lab's own clients (ownerId null) are never listed nor changed here. Pages only parse,
// call this and render.
import { randomBytes } from "node:crypto";
import { DEVELOPER_CONSOLE, type DeveloperAuthMethod, LIFETIMES } from "@oauth-flow-lab/lab";
import { formatScope } from "@oauth-flow-lab/oauth";
import { z } from "zod";
import { randomToken, sha256 } from "@/lib/random";
import type { ProtocolDependencies } from "@/protocol/dependencies";
import { revokeGrant } from "@/protocol/grants/revoke-grant";
import { type ClientNameProblem, clientNameProblem } from "./client-name";
import { type RedirectUriProblem, redirectUriProblem } from "./redirect-uris";

type Dependencies = Pick<ProtocolDependencies, "db" | "now">;

/** Who uses the console: a teacher sees and may disable every registered client. */
export type ConsoleViewer = { id: string; role: string };

export type RegistrationProblem = ClientNameProblem | RedirectUriProblem | "redirect_uris_count" | "scope" | "auth_method" | "limit";

export class RegistrationRefused extends Error {
  constructor(readonly problem: RegistrationProblem) {
    super(problem);
  }
}

export type Registration = {
  name: string;
  redirect_uris: string[];
  scopes: string[];
  token_endpoint_auth_method: DeveloperAuthMethod;
};

const formSchema = z.object({
  name: z.string().max(1000),
  redirect_uris: z.string().max(10_000),
  scope: z.array(z.string().max(100)).max(20),
  token_endpoint_auth_method: z.string().max(100),
});

/**
 * Reads the registration form (name, redirect_uris one per line, each scope checked, the
 * authentication method) and checks it against the lab's rules (DEVELOPER_CONSOLE); throws
 * RegistrationRefused with the first problem.
 */
export function parseRegistration(form: URLSearchParams): Registration {
  const parsed = formSchema.safeParse({
    name: form.get("name") ?? "",
    redirect_uris: form.get("redirect_uris") ?? "",
    scope: form.getAll("scope"),
    token_endpoint_auth_method: form.get("token_endpoint_auth_method") ?? "",
  });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new RegistrationRefused(
      field === "scope" ? "scope" : field === "redirect_uris" ? "redirect_uris_count" : field === "name" ? "name_length" : "auth_method",
    );
  }
  const name = parsed.data.name.trim();
  const nameProblem = clientNameProblem(name);
  if (nameProblem) throw new RegistrationRefused(nameProblem);
  const redirect_uris = [
    ...new Set(
      parsed.data.redirect_uris
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    ),
  ];
  if (redirect_uris.length === 0 || redirect_uris.length > DEVELOPER_CONSOLE.maxRedirectUris) {
    throw new RegistrationRefused("redirect_uris_count");
  }
  for (const uri of redirect_uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new RegistrationRefused(problem);
  }
  const allowed: readonly string[] = DEVELOPER_CONSOLE.allowedScopes;
  const scopes = [...new Set(parsed.data.scope)];
  if (scopes.length === 0 || scopes.some((s) => !allowed.includes(s))) throw new RegistrationRefused("scope");
  const method = DEVELOPER_CONSOLE.authMethods.find((m) => m === parsed.data.token_endpoint_auth_method);
  if (!method) throw new RegistrationRefused("auth_method");
  // In the registry's order, so that every client's scopes read the same way.
  return { name, redirect_uris, scopes: allowed.filter((s) => scopes.includes(s)), token_endpoint_auth_method: method };
}

/** The viewer's role, read from the database (the session only knows the user's id). */
export async function consoleViewer(deps: Pick<Dependencies, "db">, userId: string): Promise<ConsoleViewer | null> {
  return deps.db.user.findUnique({ where: { id: userId, disabledAt: null }, select: { id: true, role: true } });
}

const isTeacher = (viewer: ConsoleViewer) => viewer.role === "teacher";

/** A 256-bit secret (RFC 6749 §10.10, RFC 9700 §4.5.2), shown once; only its SHA-256 is stored. */
function newClientSecret(): { secret: string; hash: string } {
  const secret = randomToken(32);
  return { secret, hash: sha256(secret) };
}

/**
 * Registers a client owned by the viewer (at most DEVELOPER_CONSOLE.maxClientsPerUser). Its id is random
 * with a readable prefix; PKCE is required and redirect URIs match exactly (the stored defaults, which
 * client-policy.ts never weakens for a registered client); its access tokens are for the mail API, like
 * MailDash's. A confidential client's secret is returned here and never again.
 */
export async function registerDeveloperClient(
  deps: Dependencies,
  viewer: ConsoleViewer,
  registration: Registration,
): Promise<{ client_id: string; client_secret: string | null }> {
  const client_id = `${DEVELOPER_CONSOLE.clientIdPrefix}${randomBytes(8).toString("hex")}`;
  const confidential = registration.token_endpoint_auth_method !== "none";
  const secret = confidential ? newClientSecret() : null;
  await deps.db.$transaction(async (tx) => {
    // Serializes one user's registrations, so two at once cannot both pass the limit.
    await tx.$queryRaw`SELECT 1 FROM "users" WHERE "id" = ${viewer.id} FOR UPDATE`;
    const owned = await tx.client.count({ where: { ownerId: viewer.id } });
    if (owned >= DEVELOPER_CONSOLE.maxClientsPerUser) throw new RegistrationRefused("limit");
    await tx.client.create({
      data: {
        id: client_id,
        name: registration.name,
        secretHash: secret?.hash ?? null,
        tokenEndpointAuthMethod: registration.token_endpoint_auth_method,
        redirectUris: registration.redirect_uris,
        allowedScopes: registration.scopes,
        // OpenID Connect Core §11: a refresh token only for offline_access.
        grantTypes: registration.scopes.includes("offline_access") ? ["authorization_code", "refresh_token"] : ["authorization_code"],
        introspectionAllowed: false,
        redirectUriMatching: "exact",
        pkceRequired: true,
        ownerId: viewer.id,
        createdAt: deps.now(),
      },
    });
  });
  return { client_id, client_secret: secret?.secret ?? null };
}

export type DeveloperClient = {
  client_id: string;
  name: string;
  type: "confidential" | "public";
  token_endpoint_auth_method: string;
  redirect_uris: string[];
  scope: string;
  grant_types: string[];
  createdAt: Date;
  disabledAt: Date | null;
  /** While a rotation's overlap lasts: when the previous secret stops working. */
  previousSecretExpiresAt: Date | null;
  owner: { name: string; username: string };
};

const clientSelect = {
  id: true,
  name: true,
  secretHash: true,
  tokenEndpointAuthMethod: true,
  redirectUris: true,
  allowedScopes: true,
  grantTypes: true,
  createdAt: true,
  disabledAt: true,
  previousSecretExpiresAt: true,
  owner: { select: { name: true, username: true } },
} as const;

type ClientRow = {
  id: string;
  name: string;
  secretHash: string | null;
  tokenEndpointAuthMethod: string;
  redirectUris: string[];
  allowedScopes: string[];
  grantTypes: string[];
  createdAt: Date;
  disabledAt: Date | null;
  previousSecretExpiresAt: Date | null;
  owner: { name: string; username: string } | null;
};

function toView(row: ClientRow, now: Date): DeveloperClient {
  return {
    client_id: row.id,
    name: row.name,
    type: row.secretHash === null ? "public" : "confidential",
    token_endpoint_auth_method: row.tokenEndpointAuthMethod,
    redirect_uris: row.redirectUris,
    scope: formatScope(row.allowedScopes),
    grant_types: row.grantTypes,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
    previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
    owner: row.owner ?? { name: "", username: "" },
  };
}

/** The viewer's clients; for a teacher, every registered client (never the lab's own). */
export async function listDeveloperClients(deps: Dependencies, viewer: ConsoleViewer): Promise<DeveloperClient[]> {
  const rows = await deps.db.client.findMany({
    where: isTeacher(viewer) ? { ownerId: { not: null } } : { ownerId: viewer.id },
    select: clientSelect,
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => toView(row, deps.now()));
}

/** One registered client, if the viewer owns it or is a teacher; null otherwise (as if it did not exist). */
export async function findDeveloperClient(deps: Dependencies, viewer: ConsoleViewer, clientId: string): Promise<DeveloperClient | null> {
  const row = await deps.db.client.findFirst({
    where: { id: clientId, ownerId: isTeacher(viewer) ? { not: null } : viewer.id },
    select: clientSelect,
  });
  return row ? toView(row, deps.now()) : null;
}

/**
 * Gives a confidential client a new secret, returned here only. The previous secret keeps working for
 * LIFETIMES.client_secret_overlap (client-authentication.ts secretMatches), so a deployed client can be
 * updated; a second rotation within the overlap ends the first secret at once (one previous secret is
 * kept). Only the owner rotates (a teacher disables instead; a teacher reading a student's secret would
 * be impersonation); null for anyone else, a public client or a disabled one.
 */
export async function rotateClientSecret(
  deps: Dependencies,
  viewer: ConsoleViewer,
  clientId: string,
): Promise<{ name: string; client_secret: string; previousSecretExpiresAt: Date } | null> {
  const client = await deps.db.client.findFirst({ where: { id: clientId, ownerId: viewer.id, disabledAt: null } });
  if (!client || client.secretHash === null) return null;
  const secret = newClientSecret();
  const previousSecretExpiresAt = new Date(deps.now().getTime() + LIFETIMES.client_secret_overlap.seconds * 1000);
  // Compare-and-set on the current hash: of two rotations at once, one wins and the other is refused.
  const updated = await deps.db.client.updateMany({
    where: { id: client.id, secretHash: client.secretHash },
    data: { secretHash: secret.hash, previousSecretHash: client.secretHash, previousSecretExpiresAt },
  });
  return updated.count === 1 ? { name: client.name, client_secret: secret.secret, previousSecretExpiresAt } : null;
}

/**
 * Disables a registered client (its owner, or a teacher): /authorize and /token refuse it from now on
 * (clientEnabledCheck), and every grant it holds ends as the account page's "Revoke" ends one
 * (revokeGrant: refresh tokens at once, access tokens marked revoked for introspection). Consents are
 * forgotten. Returns false when the viewer may not, or the client does not exist.
 */
export async function disableDeveloperClient(deps: Dependencies, viewer: ConsoleViewer, clientId: string): Promise<boolean> {
  const client = await findDeveloperClient(deps, viewer, clientId);
  if (!client) return false;
  await deps.db.client.updateMany({ where: { id: clientId, disabledAt: null }, data: { disabledAt: deps.now() } });
  const grants = await deps.db.grant.findMany({ where: { clientId, revokedAt: null }, select: { id: true } });
  for (const grant of grants) await revokeGrant(deps, grant.id);
  await deps.db.consent.deleteMany({ where: { clientId } });
  return true;
}
