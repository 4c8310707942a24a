// How the dashboard, a confidential client, authenticates to the authorization server.

/** The dashboard's registration (RFC 6749 §2.2, §2.3.1). */
export type ClientCredentials = {
  client_id: string;
  client_secret: string;
};

/** RFC 6749 Appendix B: application/x-www-form-urlencoded, as Basic credentials require. */
function formUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}

/**
 * RFC 6749 §2.3.1 (`client_secret_basic`): client_id and client_secret, each form-urlencoded first,
 * joined by ":" and sent as HTTP Basic credentials (RFC 7617).
 */
export function clientSecretBasic(client: ClientCredentials): string {
  const credentials = `${formUrlEncode(client.client_id)}:${formUrlEncode(client.client_secret)}`;
  return `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`;
}
