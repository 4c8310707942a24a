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

/**
 * The largest `max_age` accepted: one year, far beyond any session's lifetime, so a larger value asks
 * for nothing more. Bounded so that it stays an exact integer and cannot overflow a date computation.
 */
export const MAX_AGE_LIMIT_SECONDS = 365 * 24 * 60 * 60;

/**
 * OpenID Connect Core §3.1.2.1: `max_age` is the allowable elapsed time in seconds since the End-User
 * last actively authenticated: a non-negative integer. Anything else (negative, fractional, signed,
 * exponent, beyond MAX_AGE_LIMIT_SECONDS) is `invalid_request`.
 */
export function checkMaxAge(params: RawAuthorizationParameters): number | undefined {
  if (params.max_age === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,8})$/.test(params.max_age)) throw new InvalidRequest("max_age must be a non-negative integer number of seconds");
  const max_age = Number(params.max_age);
  if (max_age > MAX_AGE_LIMIT_SECONDS) throw new InvalidRequest(`max_age may be at most ${MAX_AGE_LIMIT_SECONDS} seconds`);
  return max_age;
}

export const maxAgeCheck = defineCheck<AuthorizationContext>({
  id: "check-max-age",
  rfc: "OpenID Connect Core §3.1.2.1",
  title: "max_age, if any, is a non-negative integer number of seconds (at most a year)",
  run(ctx) {
    const max_age = checkMaxAge(required(ctx.params, "the parameters"));
    ctx.max_age = max_age ?? null;
    if (max_age !== undefined) return { detail: `${max_age} s` };
  },
});

/**
 * OpenID Connect Core §3.1.2.1 (`prompt=login`, `max_age`) and §3.1.2.3: whether the End-User must
 * authenticate again although a session exists. A session older than `max_age` seconds does not count.
 */
export function mustAuthenticateAgain(request: Pick<AuthorizationRequest, "prompt" | "max_age">, authTime: Date, now: Date): boolean {
  if (request.prompt.includes("login")) return true;
  return request.max_age !== undefined && now.getTime() - authTime.getTime() > request.max_age * 1000;
}
