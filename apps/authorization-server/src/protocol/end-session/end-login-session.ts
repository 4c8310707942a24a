import { defineCheck } from "@oauth-flow-lab/oauth";
import type { EndSessionContext } from "./context";

/** RP-Initiated Logout 1.0 §2: the AS session ends (its row deleted; the route clears the cookie). */
export const endLoginSessionStep = defineCheck<EndSessionContext>({
  id: "end-login-session",
  rfc: "RP-Initiated Logout 1.0 §2",
  title: "The AS login session is ended",
  async run(ctx) {
    if (ctx.session === null) return { detail: "no session to end" };
    await ctx.deps.db.session.deleteMany({ where: { id: ctx.session.id } });
    return { detail: "session deleted" };
  },
});
