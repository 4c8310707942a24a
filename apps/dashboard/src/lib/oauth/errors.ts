// Turns an OAuth error response received by this client into the shared error class of its code.
import {
  AccessDenied,
  ConsentRequired,
  InvalidClient,
  InvalidGrant,
  InvalidRequest,
  InvalidScope,
  LoginRequired,
  OAuthError,
  ServerError,
  TemporarilyUnavailable,
  UnauthorizedClient,
  UnsupportedGrantType,
  UnsupportedResponseType,
  UnsupportedTokenType,
} from "@oauth-flow-lab/oauth";

/** An error code this client does not know (RFC 6749 §5.2 allows extensions). */
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

/** RFC 6749 §4.1.2.1 and §5.2: the error codes an authorization server may send this client. */
export function isKnownErrorCode(code: string): boolean {
  return Object.hasOwn(ERROR_CLASSES, code);
}

/** Builds the error object for an `{error, error_description}` response (RFC 6749 §5.2). */
export function oauthErrorFromResponse(error: string, error_description: string | undefined, status: number): OAuthError {
  const description = error_description ?? error;
  const ErrorClass = ERROR_CLASSES[error];
  return ErrorClass ? new ErrorClass(description) : new UnrecognizedOAuthError(error, description, status);
}
