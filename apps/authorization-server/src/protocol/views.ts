// What the login and consent pages need to show, read in one place so pages never query the database.
import "server-only";
import { isScope, SCOPES } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { findClient } from "./clients";
import { findInteraction, type Interaction } from "./interactions";
import { findUser, type User } from "./user-records";

export type InteractionView = {
  interaction: Interaction;
  clientName: string;
  user: User | null;
  scopes: { scope: string; title: string; description: string }[];
};

export async function interactionView(id: string, cookieValue: string | undefined): Promise<InteractionView | null> {
  const interaction = await findInteraction(id, cookieValue);
  if (!interaction) return null;
  const client = await findClient(interaction.request.client_id);
  if (!client) return null;
  const user = interaction.userId ? await findUser(db(), interaction.userId) : null;
  return {
    interaction,
    clientName: client.name,
    user,
    scopes: interaction.request.scope.filter(isScope).map((scope) => ({ scope, ...SCOPES[scope] })),
  };
}
