import { defineCheck, InvalidRequest, required, SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { compactVerify, createLocalJWKSet } from "jose";
import type { ProtocolDependencies } from "../dependencies";
import type { EndSessionContext, IdTokenHint } from "./context";

/**
 * RP-Initiated Logout 1.0 §2: `id_token_hint` is "an ID Token previously issued by the OP". Verified
 * here by signature with the AS's own published keys and by `iss`; its expiry is not checked, since
 * "the OP need not be concerned with the ID Token's expiration" (§2): a user signs out long after
 * signing in. An access token (`typ: at+jwt`) is not an ID token. Undefined for anything else.
 */
export async function verifyIdTokenHint(
  deps: Pick<ProtocolDependencies, "config" | "signer">,
  token: string,
): Promise<IdTokenHint | undefined> {
  if (token.length > 4096) return undefined;
  try {
    const { payload, protectedHeader } = await compactVerify(token, createLocalJWKSet(await deps.signer.publicJwks()), {
      algorithms: [SIGNING_ALG],
    });
    if (protectedHeader.typ !== undefined && protectedHeader.typ !== "JWT") return undefined;
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims !== "object" || claims === null) return undefined;
    const { iss, sub, aud } = claims as Record<string, unknown>;
    if (iss !== deps.config.issuer || typeof sub !== "string" || typeof aud !== "string") return undefined;
    return { sub, aud };
  } catch {
    return undefined;
  }
}

export const idTokenHintCheck = defineCheck<EndSessionContext>({
  id: "id-token-hint",
  rfc: "RP-Initiated Logout 1.0 §2",
  title: "id_token_hint, if sent, is an ID token this AS issued (signature and iss; an expired one is accepted)",
  async run(ctx) {
    const { id_token_hint } = required(ctx.params, "the parameters");
    if (id_token_hint === undefined) {
      ctx.hint = null;
      return { detail: "no id_token_hint" };
    }
    const hint = await verifyIdTokenHint(ctx.deps, id_token_hint);
    if (!hint) throw new InvalidRequest("id_token_hint is not an ID token issued by this server");
    ctx.hint = hint;
    return { detail: `issued to ${hint.aud}` };
  },
});
