import { defineCheck, InvalidRequest, required } from "@oauth-flow-lab/oauth";
import type { AuthorizationContext, RawAuthorizationParameters } from "./authorization-request";

/** RFC 6749 §4.1.1: `state` is returned unchanged in the redirect, so its size is bounded. */
export function checkState(params: RawAuthorizationParameters): void {
  if (params.state !== undefined && params.state.length > 1024) throw new InvalidRequest("state is too long");
}

export const stateCheck = defineCheck<AuthorizationContext>({
  id: "check-state",
  rfc: "RFC 6749 §4.1.1",
  title: "state, if any, is at most 1024 characters",
  run(ctx) {
    checkState(required(ctx.params, "the parameters"));
  },
});
