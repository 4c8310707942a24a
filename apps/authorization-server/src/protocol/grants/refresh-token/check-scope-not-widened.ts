import { defineCheck, formatScope, InvalidScope, required } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/** RFC 6749 §6: the scope may be narrowed, never widened beyond the original grant. */
export const refreshScopeNotWidenedCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-scope-not-widened",
  rfc: "RFC 6749 §6",
  title: "The requested scope is within the original grant",
  run(ctx) {
    const token = required(ctx.token, "the refresh token");
    const granted = token.scope.split(" ");
    const { requested } = ctx;
    if (requested?.some((s) => !granted.includes(s))) {
      throw new InvalidScope("the requested scope exceeds the original grant");
    }
    ctx.scope = requested && requested.length > 0 ? formatScope(requested) : token.scope;
    return { detail: ctx.scope };
  },
});
