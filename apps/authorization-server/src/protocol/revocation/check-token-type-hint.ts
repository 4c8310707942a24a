import { defineCheck, required, UnsupportedTokenType } from "@oauth-flow-lab/oauth";
import type { RevocationContext } from "./context";

const TOKEN_TYPE_HINTS = ["refresh_token", "access_token"];

/** RFC 7009 §2.1, §2.2.1: a hint, if sent, is refresh_token or access_token. */
export const tokenTypeHintCheck = defineCheck<RevocationContext>({
  id: "token-type-hint",
  rfc: "RFC 7009 §2.2.1",
  title: "token_type_hint, if sent, is refresh_token or access_token",
  run(ctx) {
    const { token_type_hint } = required(ctx.params, "the parameters");
    if (token_type_hint !== undefined && !TOKEN_TYPE_HINTS.includes(token_type_hint)) {
      throw new UnsupportedTokenType(`token_type_hint "${token_type_hint}" is not supported`);
    }
  },
});
