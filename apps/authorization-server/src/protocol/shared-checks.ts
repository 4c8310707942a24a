// Checks that several endpoints run (the token, revocation and introspection endpoints read a form
// body and their parameters the same way), so each exists once.
import { type Check, defineCheck, InvalidRequest, required } from "@oauth-flow-lab/oauth";
import { readFormBody, readParameters } from "./parameters";

/** RFC 6749 §3.2, Appendix B: the body is application/x-www-form-urlencoded. */
export const formBodyCheck = defineCheck<{ request: Request; body?: URLSearchParams }>({
  id: "form-body",
  rfc: "RFC 6749 §3.2",
  title: "The request body is application/x-www-form-urlencoded",
  async run(ctx) {
    ctx.body = await readFormBody(ctx.request);
  },
});

/** RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once." */
export function singleValuedParametersCheck<const K extends string>(
  names: readonly K[],
): Check<{ body?: URLSearchParams; params?: Partial<Record<K, string>> }> {
  return defineCheck({
    id: "single-valued-parameters",
    rfc: "RFC 6749 §3.2",
    title: "No parameter is repeated",
    run(ctx) {
      ctx.params = readParameters(required(ctx.body, "the request body"), names);
    },
  });
}

/** RFC 7009 §2.1 and RFC 7662 §2.1: the `token` parameter is required. */
export function tokenParameterCheck(rfc: string): Check<{ params?: { token?: string } }> {
  return defineCheck({
    id: "token-present",
    rfc,
    title: "The token parameter is present",
    run(ctx) {
      if (!required(ctx.params, "the parameters").token) throw new InvalidRequest("the token parameter is missing");
    },
  });
}
