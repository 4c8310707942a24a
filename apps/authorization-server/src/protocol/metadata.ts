// RFC 8414 authorization server metadata; the same document serves OpenID Connect Discovery 1.0 §3.
import "server-only";
import { ALL_SCOPES, CODE_CHALLENGE_METHOD, SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { env } from "@/env";
import { ENDPOINT_AUTHENTICATION_METHODS } from "./client-authentication";

export function authorizationServerMetadata() {
  const issuer = env().ISSUER;
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    userinfo_endpoint: `${issuer}/userinfo`,
    revocation_endpoint: `${issuer}/revoke`,
    introspection_endpoint: `${issuer}/introspect`,
    // OpenID Connect RP-Initiated Logout 1.0 §2.1.
    end_session_endpoint: `${issuer}/end-session`,
    scopes_supported: ALL_SCOPES,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    // RFC 8414 §2: exactly what each endpoint's client authentication check accepts (the same
    // constants). "none": public clients (RFC 6749 §2.1), identified by client_id and protected by
    // PKCE; they may revoke their own tokens (RFC 7009 §2.1) but not introspect (RFC 7662 §2.1).
    token_endpoint_auth_methods_supported: [...ENDPOINT_AUTHENTICATION_METHODS.token],
    revocation_endpoint_auth_methods_supported: [...ENDPOINT_AUTHENTICATION_METHODS.revocation],
    introspection_endpoint_auth_methods_supported: [...ENDPOINT_AUTHENTICATION_METHODS.introspection],
    code_challenge_methods_supported: [CODE_CHALLENGE_METHOD],
    authorization_response_iss_parameter_supported: true,
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    userinfo_signing_alg_values_supported: [],
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "nonce",
      "at_hash",
      "name",
      "preferred_username",
      "email",
      "email_verified",
    ],
    prompt_values_supported: ["none", "login", "consent"],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}
