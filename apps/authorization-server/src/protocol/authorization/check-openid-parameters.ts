import { defineCheck, InvalidRequest, required } from "@oauth-flow-lab/oauth";
import type { AuthorizationContext, AuthorizationRequest, RawAuthorizationParameters } from "./authorization-request";

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

export const promptCheck = defineCheck<AuthorizationContext>({
  id: "check-prompt",
  rfc: "OpenID Connect Core §3.1.2.1",
  title: "prompt holds only none, login or consent, and none stands alone",
  run(ctx) {
    const prompt = checkPrompt(required(ctx.params, "the parameters"));
    ctx.prompt = prompt;
    if (prompt.length > 0) return { detail: prompt.join(" ") };
  },
});

/** The nonce is echoed in the ID token (OpenID Connect Core §3.1.2.1): its size is bounded. */
export function checkNonce(params: RawAuthorizationParameters): void {
  if (params.nonce !== undefined && params.nonce.length > 512) throw new InvalidRequest("nonce is too long");
}

export const nonceCheck = defineCheck<AuthorizationContext>({
  id: "check-nonce",
  rfc: "OpenID Connect Core §3.1.2.1",
  title: "nonce, if any, is at most 512 characters",
  run(ctx) {
    checkNonce(required(ctx.params, "the parameters"));
  },
});
