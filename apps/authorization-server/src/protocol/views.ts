// What the login and consent pages need to show, read in one place so pages never query the database.
import "server-only";
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { isScope, SCOPES } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { findClient } from "./clients";
import { consentDelta, rememberedScopes } from "./consent-delta";
import { findInteraction, type Interaction } from "./interactions";
import { findUser, type User } from "./user-records";

export type InteractionView = {
  interaction: Interaction;
  clientName: string;
  /** Who registered the client in the developer console; null for the lab's own clients. */
  registeredBy: { name: string; username: string } | null;
  user: User | null;
  /** What the consent page asks for: only the scopes not allowed before (all of them the first time). */
  scopes: ScopeView[];
  /** Requested scopes the user already allowed this client: shown as such, not asked again. */
  alreadyAllowed: ScopeView[];
};

type ScopeView = { scope: string; title: string; description: string };

const scopeViews = (scopes: readonly string[]): ScopeView[] => scopes.filter(isScope).map((scope) => ({ scope, ...SCOPES[scope] }));

export async function interactionView(id: string, cookieValue: string | undefined): Promise<InteractionView | null> {
  const interaction = await findInteraction(id, cookieValue);
  if (!interaction) return null;
  const client = await findClient(interaction.request.client_id);
  if (!client) return null;
  const user = interaction.userId ? await findUser(db(), interaction.userId) : null;
  const requested = interaction.request.scope;
  const delta = consentDelta(user ? await rememberedScopes(db(), user.id, client.id) : [], requested);
  const [registrant] = await authSql(db()).query<{ name: string; username: string }>(AUTH_STATEMENTS.clientRegistrant, [client.id]);
  // Nothing new (prompt=consent for scopes allowed before): the whole request is asked again.
  const asked = delta.new_scopes.length > 0 ? delta.new_scopes : requested;
  return {
    interaction,
    clientName: client.name,
    // Developer console (issue 10): a registered client is always shown with its registrant.
    registeredBy: registrant ?? null,
    user,
    scopes: scopeViews(asked),
    alreadyAllowed: delta.new_scopes.length > 0 ? scopeViews(delta.already_allowed) : [],
  };
}
