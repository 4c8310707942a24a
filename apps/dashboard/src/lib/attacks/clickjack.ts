// Scenario 5's attacker's page: the URL its frame loads, a fresh authorization request of the guided
// client at LabMail (which sends the browser to its login and consent page). Not traced: the run is.
import "server-only";
import { buildAuthorizationUrl, prepareAuthorizationRequest } from "@/lib/oauth-client/authorization-request";
import { attackContext } from "./lab";

export async function clickjackFrameUrl(): Promise<string> {
  const ctx = await attackContext();
  const prepared = await prepareAuthorizationRequest();
  return buildAuthorizationUrl(
    ctx.as,
    { client_id: ctx.client.client_id, redirect_uri: ctx.redirect_uri, scope: ctx.scope, prompt: "consent" },
    prepared,
  ).href;
}
