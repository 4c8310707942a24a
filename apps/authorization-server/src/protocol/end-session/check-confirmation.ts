import { defineCheck, required } from "@oauth-flow-lab/oauth";
import type { EndSessionContext } from "./context";

/**
 * RP-Initiated Logout 1.0 §2: "the OP MUST ask the End-User this question if an id_token_hint was not
 * provided or if the supplied ID Token does not belong to the current OP session". Otherwise any page
 * could sign a student out with a link. The AS's own confirmation form (POST) answers it.
 */
export const endUserConfirmationCheck = defineCheck<EndSessionContext>({
  id: "end-user-confirmation",
  rfc: "RP-Initiated Logout 1.0 §2",
  title: "Without an id_token_hint of the signed-in user, the user confirms the sign-out",
  run(ctx) {
    const hint = required(ctx.hint, "the id_token_hint");
    if (ctx.session === null) {
      ctx.confirmationNeeded = false;
      return { detail: "no AS session in this browser: nothing to end" };
    }
    const belongs = hint !== null && hint.sub === ctx.session.userId;
    ctx.confirmationNeeded = !belongs && !ctx.confirmed;
    if (belongs) return { detail: "the ID token is the signed-in user's" };
    return { detail: ctx.confirmed ? "the user confirmed" : "the user is asked first" };
  },
});
