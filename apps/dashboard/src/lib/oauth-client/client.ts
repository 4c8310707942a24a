// A client registration, as the client core needs it (RFC 6749 §2). Pure.

import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import * as oauth from "oauth4webapi";

/** A confidential client (RFC 6749 §2.1): its client_id and client_secret (§2.3.1). */
export type ConfidentialClient = { client_id: string; client_secret: string };

/**
 * oauth4webapi's client metadata. OpenID Connect Registration §2 `id_token_signed_response_alg`:
 * LabMail signs ID tokens with ES256, and oauth4webapi refuses any other algorithm than the one named
 * here (its default is RS256).
 */
export function clientMetadata(client_id: string): oauth.Client {
  return { client_id, id_token_signed_response_alg: SIGNING_ALG };
}

/** RFC 6749 §2.3.1 `client_secret_basic`: the credentials go in the Authorization header, never the body. */
export function clientAuthentication(client: ConfidentialClient): oauth.ClientAuth {
  return oauth.ClientSecretBasic(client.client_secret);
}
