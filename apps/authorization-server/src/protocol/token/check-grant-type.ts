import { defineCheck, InvalidRequest, required, UnsupportedGrantType } from "@oauth-flow-lab/oauth";
import { isSupportedGrantType } from "../grants";
import type { TokenContext } from "./context";

/** RFC 6749 §5.2: grant_type is required, and one this server implements. */
export const grantTypeCheck = defineCheck<TokenContext>({
  id: "grant-type-supported",
  rfc: "RFC 6749 §5.2",
  title: "grant_type is one this server supports",
  run(ctx) {
    const { grant_type } = required(ctx.params, "the parameters");
    if (!grant_type) throw new InvalidRequest("the grant_type parameter is missing");
    if (!isSupportedGrantType(grant_type)) throw new UnsupportedGrantType(`grant_type "${grant_type}" is not supported`);
    ctx.grant_type = grant_type;
    return { detail: grant_type };
  },
});
