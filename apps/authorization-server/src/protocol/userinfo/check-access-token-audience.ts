import { defineCheck, InvalidToken, required } from "@oauth-flow-lab/oauth";
import { accessTokenAudienceFor } from "../client-policy";
import type { UserinfoContext } from "./context";

/**
 * The audiences the UserInfo endpoint accepts for a token of `clientId`: the issuer (the AS itself),
 * and the one audience this AS gives that client's access tokens (tokens.ts: the mail API, or the
 * naive endpoint for an attack lab twin). An OpenID client's access token is minted for the mail
 * API and must keep working here (OpenID Connect Core §5.3.1), so the AS accepts that audience
 * rather than adding a second one to every token.
 */
export function userinfoAudiences(clientId: string, config: { issuer: string; accessTokenAudience: string }): string[] {
  return [config.issuer, accessTokenAudienceFor(clientId, config.accessTokenAudience)];
}

/**
 * RFC 9068 §4: "The resource server MUST validate that the aud claim contains a resource indicator
 * value corresponding to an identifier the resource server expects for itself." A token minted for
 * another audience (another resource server, another client's audience) is refused.
 */
export const accessTokenAudienceCheck = defineCheck<UserinfoContext>({
  id: "access-token-audience",
  rfc: "RFC 9068 §4",
  title: "The access token's aud is one the UserInfo endpoint accepts (this issuer, or the audience issued to its client)",
  run(ctx) {
    const { aud, client_id } = required(ctx.token, "the access token");
    const audiences = aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
    const accepted = userinfoAudiences(client_id, ctx.deps.config);
    if (!audiences.some((a) => accepted.includes(a))) throw new InvalidToken("the access token is not meant for this endpoint");
    return { detail: audiences.join(" ") };
  },
});
