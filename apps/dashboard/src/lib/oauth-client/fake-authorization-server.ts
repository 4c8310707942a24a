// A stub LabMail for the client core's unit tests: discovery, token, userinfo and revocation
// endpoints answered in memory through an injected fetch, every request kept for assertions.

import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { generateKeyPair, SignJWT } from "jose";
import type { AuthorizationServer } from "oauth4webapi";

export const ISSUER = "http://localhost:4000";

export type RecordedRequest = { url: string; method: string; headers: Headers; body: string };

export type FakeEndpoint = (request: RecordedRequest) => Response | Promise<Response>;

export const METADATA: AuthorizationServer = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  userinfo_endpoint: `${ISSUER}/userinfo`,
  revocation_endpoint: `${ISSUER}/revoke`,
  jwks_uri: `${ISSUER}/jwks`,
  authorization_response_iss_parameter_supported: true,
  id_token_signing_alg_values_supported: [SIGNING_ALG],
};

/** A fake server: `endpoints` by path answer; anything else is a 404. */
export function fakeAuthorizationServer(endpoints: Partial<Record<string, FakeEndpoint>>, metadata: AuthorizationServer = METADATA) {
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const request: RecordedRequest = {
      url,
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: init?.body === undefined || init.body === null ? "" : String(init.body),
    };
    requests.push(request);
    await new Promise((r) => setTimeout(r, 5));
    const path = new URL(url).pathname;
    if (path === "/.well-known/openid-configuration") return Response.json(metadata);
    const endpoint = endpoints[path];
    return endpoint ? endpoint(request) : new Response("not found", { status: 404 });
  };
  return { fetch, requests };
}

/** An ES256 ID token as LabMail would sign it (OpenID Connect Core §2). */
export async function signIdToken(claims: Record<string, unknown>): Promise<string> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: ISSUER, iat: now, exp: now + 600, ...claims })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: "test" })
    .sign(privateKey);
}

/**
 * The credentials of an HTTP Basic header as the AS reads them (RFC 7617 §2, then RFC 6749 §2.3.1:
 * each part form-urlencoded before encoding): `raw` as sent, `client_id` and `client_secret` decoded.
 */
export function basicCredentials(headers: Headers): { raw: string; client_id: string; client_secret: string } {
  const raw = Buffer.from((headers.get("authorization") ?? "").replace(/^Basic /, ""), "base64").toString();
  const colon = raw.indexOf(":");
  const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, " "));
  return { raw, client_id: formDecode(raw.slice(0, colon)), client_secret: formDecode(raw.slice(colon + 1)) };
}
