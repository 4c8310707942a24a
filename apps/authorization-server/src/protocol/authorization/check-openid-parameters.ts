import { InvalidRequest } from "@oauth-flow-lab/oauth";
import type { AuthorizationRequest, RawAuthorizationParameters } from "./authorization-request";

const PROMPTS = ["none", "login", "consent"] as const;

/** OpenID Connect Core §3.1.2.1: `prompt` values, and `none` never combined with another value. */
export function checkPrompt(params: RawAuthorizationParameters): AuthorizationRequest["prompt"] {
  if (!params.prompt) return [];
  const values = params.prompt.split(" ");
  const prompts: AuthorizationRequest["prompt"] = [];
  for (const value of values) {
    if (!(PROMPTS as readonly string[]).includes(value)) {
      throw new InvalidRequest(`unsupported prompt value "${value}"`);
    }
    prompts.push(value as (typeof PROMPTS)[number]);
  }
  if (prompts.includes("none") && prompts.length > 1) throw new InvalidRequest("prompt=none cannot be combined");
  return prompts;
}
