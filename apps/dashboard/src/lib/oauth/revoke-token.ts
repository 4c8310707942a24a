// RFC 7009: token revocation, used when the user signs out.
import { clientSecretBasic, type ClientCredentials } from "./client-authentication";

export type RevocationRequest = {
  revocation_endpoint: string;
  client: ClientCredentials;
  token: string;
  /** RFC 7009 §2.1: a hint that helps the server find the token. */
  token_type_hint: "refresh_token" | "access_token";
};

/**
 * RFC 7009 §2.1: POSTs `token` and `token_type_hint` to the revocation endpoint with client
 * authentication. §2.2: HTTP 200 means revoked (or already invalid). Revoking a refresh token
 * also invalidates the grant's access tokens where the server supports it.
 */
export async function revokeToken(request: RevocationRequest, fetchImpl: typeof fetch = fetch): Promise<void> {
  const response = await fetchImpl(request.revocation_endpoint, {
    method: "POST",
    headers: {
      authorization: clientSecretBasic(request.client),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ token: request.token, token_type_hint: request.token_type_hint }).toString(),
    cache: "no-store",
    signal: AbortSignal.timeout(3_000),
  });
  if (response.status !== 200) throw new Error(`revocation failed: HTTP ${response.status}`);
}
