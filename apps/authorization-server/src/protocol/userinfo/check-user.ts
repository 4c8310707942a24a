import { defineCheck, InvalidToken, required } from "@oauth-flow-lab/oauth";
import { findUser } from "../user-records";
import type { UserinfoContext } from "./context";

/** OpenID Connect Core §5.3: the claims are about the token's `sub`, who must still exist. */
export const userExistsCheck = defineCheck<UserinfoContext>({
  id: "user-exists",
  rfc: "OpenID Connect Core §5.3",
  title: "The user the token is about still exists",
  async run(ctx) {
    const user = await findUser(ctx.deps.db, required(ctx.token, "the access token").sub);
    if (!user) throw new InvalidToken("the user no longer exists");
    ctx.user = user;
  },
});
