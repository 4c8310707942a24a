import { defineCheck, InvalidScope, parseScope } from "@oauth-flow-lab/oauth";
import type { RefreshRequestContext } from "./context";

/** RFC 6749 §3.3: a scope parameter, if sent, is space-separated scope tokens. */
export const refreshScopeSyntaxCheck = defineCheck<RefreshRequestContext>({
  id: "refresh-scope-syntax",
  rfc: "RFC 6749 §3.3",
  title: "scope, if sent, is well-formed",
  run(ctx) {
    if (ctx.scope === undefined) return;
    const requested = parseScope(ctx.scope);
    if (requested === undefined) throw new InvalidScope("the scope parameter is malformed");
    ctx.requested = requested;
    return { detail: ctx.scope };
  },
});
