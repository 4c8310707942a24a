// One error class per OAuth error code, each carrying its HTTP status, `error` and `error_description`.
// RFC 6749 §4.1.2.1 (authorization endpoint), §5.2 (token endpoint), RFC 6750 §3.1 (resource server),
// RFC 7009 §2.2.1, OpenID Connect Core §3.1.2.6.

export abstract class OAuthError extends Error {
  abstract readonly error: string;
  readonly status: number = 400;
  constructor(readonly error_description: string) {
    super(error_description);
  }
  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.error_description };
  }
}

/** RFC 6749 §5.2: missing, repeated, malformed or unsupported parameter. */
export class InvalidRequest extends OAuthError {
  readonly error = "invalid_request";
}
/** RFC 6749 §5.2: client authentication failed. 401 with WWW-Authenticate when Basic was used. */
export class InvalidClient extends OAuthError {
  readonly error = "invalid_client";
  override readonly status = 401;
}
/** RFC 6749 §5.2: code or refresh token invalid, expired, revoked, reused, or bound elsewhere. */
export class InvalidGrant extends OAuthError {
  readonly error = "invalid_grant";
}
/** RFC 6749 §4.1.2.1, §5.2: this client may not use this grant or response type. */
export class UnauthorizedClient extends OAuthError {
  readonly error = "unauthorized_client";
}
/** RFC 6749 §5.2. */
export class UnsupportedGrantType extends OAuthError {
  readonly error = "unsupported_grant_type";
}
/** RFC 6749 §4.1.2.1. */
export class UnsupportedResponseType extends OAuthError {
  readonly error = "unsupported_response_type";
}
/** RFC 6749 §4.1.2.1, §5.2: unknown scope, or beyond what the client or grant allows. */
export class InvalidScope extends OAuthError {
  readonly error = "invalid_scope";
}
/** RFC 6749 §4.1.2.1: the resource owner denied the request. */
export class AccessDenied extends OAuthError {
  readonly error = "access_denied";
}
/** RFC 6749 §4.1.2.1: unexpected condition. Never carries internal details. */
export class ServerError extends OAuthError {
  readonly error = "server_error";
  override readonly status = 500;
}
/** RFC 6749 §4.1.2.1. */
export class TemporarilyUnavailable extends OAuthError {
  readonly error = "temporarily_unavailable";
  override readonly status = 503;
}
/** OpenID Connect Core §3.1.2.6: prompt=none but the user must log in. */
export class LoginRequired extends OAuthError {
  readonly error = "login_required";
}
/** OpenID Connect Core §3.1.2.6: prompt=none but the user must consent. */
export class ConsentRequired extends OAuthError {
  readonly error = "consent_required";
}
/** RFC 7009 §2.2.1. */
export class UnsupportedTokenType extends OAuthError {
  readonly error = "unsupported_token_type";
}
/** RFC 6750 §3.1: the access token is expired, revoked, malformed or not for this resource. */
export class InvalidToken extends OAuthError {
  readonly error = "invalid_token";
  override readonly status = 401;
}
/** RFC 6750 §3.1: the token lacks a scope this resource needs. */
export class InsufficientScope extends OAuthError {
  readonly error = "insufficient_scope";
  override readonly status = 403;
  constructor(
    error_description: string,
    readonly scope: string,
  ) {
    super(error_description);
  }
}

/**
 * Not an RFC 6749 error response: the `client_id` or `redirect_uri` could not be verified, so the
 * error must be shown at the authorization server and never sent to the redirect URI (§4.1.2.1).
 */
export class InvalidClientOrRedirectUri extends OAuthError {
  readonly error = "invalid_request";
}

/** An error code not defined here (RFC 6749 §8.5 allows extensions). */
export class UnrecognizedOAuthError extends OAuthError {
  constructor(
    readonly error: string,
    error_description: string,
    override readonly status: number,
  ) {
    super(error_description);
  }
}

const ERROR_CLASSES: Record<string, new (error_description: string) => OAuthError> = {
  // Read by clients turning a received {error, error_description} back into a typed error.
  invalid_request: InvalidRequest,
  invalid_client: InvalidClient,
  invalid_grant: InvalidGrant,
  unauthorized_client: UnauthorizedClient,
  unsupported_grant_type: UnsupportedGrantType,
  unsupported_response_type: UnsupportedResponseType,
  invalid_scope: InvalidScope,
  access_denied: AccessDenied,
  server_error: ServerError,
  temporarily_unavailable: TemporarilyUnavailable,
  login_required: LoginRequired,
  consent_required: ConsentRequired,
  unsupported_token_type: UnsupportedTokenType,
};

/** RFC 6749 §4.1.2.1 and §5.2: the error codes an authorization server may send a client. */
export function isKnownErrorCode(code: string): boolean {
  return Object.hasOwn(ERROR_CLASSES, code);
}

/** Builds the error object for an `{error, error_description}` response (RFC 6749 §5.2). */
export function oauthErrorFromResponse(error: string, error_description: string | undefined, status: number): OAuthError {
  const description = error_description ?? error;
  const ErrorClass = ERROR_CLASSES[error];
  return ErrorClass ? new ErrorClass(description) : new UnrecognizedOAuthError(error, description, status);
}

/** Headers every token, revocation, introspection and error response carries (RFC 6749 §5.1). */
export const NO_STORE_HEADERS = {
  "Cache-Control": "no-store",
  Pragma: "no-cache",
} as const;

/** The one serializer for JSON OAuth errors (RFC 6749 §5.2). */
export function oauthErrorResponse(error: OAuthError, headers: Record<string, string> = {}): Response {
  return Response.json(error.toJSON(), {
    status: error.status,
    headers: { ...NO_STORE_HEADERS, ...headers },
  });
}

/** RFC 6750 §3: the WWW-Authenticate challenge of a resource server. */
export function bearerChallenge(realm: string, error?: InvalidToken | InsufficientScope | InvalidRequest): string {
  const parts = [`realm="${realm}"`];
  if (error) {
    parts.push(`error="${error.error}"`, `error_description="${error.error_description.replace(/["\\]/g, "")}"`);
    if (error instanceof InsufficientScope) parts.push(`scope="${error.scope}"`);
  }
  return `Bearer ${parts.join(", ")}`;
}
