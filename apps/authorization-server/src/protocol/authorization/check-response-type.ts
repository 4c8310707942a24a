import { defineCheck, InvalidRequest, required, UnsupportedResponseType } from "@oauth-flow-lab/oauth";
import type { AuthorizationContext, RawAuthorizationParameters } from "./authorization-request";

/**
 * RFC 6749 §4.1.1: response_type=code is the only flow this server offers. The implicit flow
 * (response_type=token) is not offered (RFC 9700 §2.1.2).
 */
export function checkResponseType(params: RawAuthorizationParameters): "code" {
  if (!params.response_type) throw new InvalidRequest("the response_type parameter is missing");
  if (params.response_type !== "code") {
    throw new UnsupportedResponseType("only response_type=code is supported");
  }
  if (params.response_mode !== undefined && params.response_mode !== "query") {
    throw new InvalidRequest("only response_mode=query is supported");
  }
  if (params.request !== undefined || params.request_uri !== undefined) {
    throw new InvalidRequest("request objects are not supported");
  }
  return "code";
}

export const responseTypeCheck = defineCheck<AuthorizationContext>({
  id: "check-response-type",
  rfc: "RFC 6749 §4.1.1",
  title: "response_type is code",
  run(ctx) {
    ctx.response_type = checkResponseType(required(ctx.params, "the parameters"));
  },
});
