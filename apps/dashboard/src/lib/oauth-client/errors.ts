// oauth4webapi's errors, turned into the shared RFC error classes (one class per error code).

import { type OAuthError, oauthErrorFromResponse } from "@oauth-flow-lab/oauth";
import * as oauth from "oauth4webapi";

/** The endpoint did not answer with a protocol response (network, timeout, 5xx page, malformed JSON). */
export class EndpointUnavailable extends Error {
  override readonly name: string = "EndpointUnavailable";
}

/** The token endpoint, specifically (a refresh may be retried later: the session lives on). */
export class TokenEndpointUnavailable extends EndpointUnavailable {
  override readonly name = "TokenEndpointUnavailable";
}

const errorBody = (value: unknown): { error: string; error_description: string | undefined } | undefined => {
  if (typeof value !== "object" || value === null) return undefined;
  const { error, error_description } = value as Record<string, unknown>;
  if (typeof error !== "string" || error.length === 0) return undefined;
  return { error, error_description: typeof error_description === "string" ? error_description : undefined };
};

/**
 * RFC 6749 §5.2 (and RFC 6750 §3 for a WWW-Authenticate challenge): the OAuth error the server sent,
 * as the shared error class, or undefined when `error` is not an OAuth error response at all.
 * A 401 with `WWW-Authenticate: Basic` (invalid_client) reaches us as a challenge whose JSON body
 * oauth4webapi leaves unread; the body's `error` wins over the challenge's.
 */
export async function oauthErrorOf(error: unknown): Promise<OAuthError | undefined> {
  if (error instanceof oauth.ResponseBodyError) return oauthErrorFromResponse(error.error, error.error_description, error.status);
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const body = errorBody(
      await error.response
        .clone()
        .json()
        .catch(() => undefined),
    );
    if (body) return oauthErrorFromResponse(body.error, body.error_description, error.status);
    const challenge = error.cause.find((c) => typeof c.parameters.error === "string");
    const code = challenge?.parameters.error;
    if (code) return oauthErrorFromResponse(code, challenge.parameters.error_description, error.status);
  }
  return undefined;
}

/** The error a protocol step throws: the shared OAuth error class, or `Unavailable` wrapping the rest. */
export async function protocolError(
  error: unknown,
  Unavailable: new (message: string, options?: ErrorOptions) => Error,
  what: string,
): Promise<Error> {
  const oauthError = await oauthErrorOf(error);
  if (oauthError) return oauthError;
  const message = error instanceof Error ? error.message : String(error);
  return new Unavailable(`${what}: ${message}`, { cause: error });
}
