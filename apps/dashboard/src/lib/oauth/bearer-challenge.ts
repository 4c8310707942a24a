// RFC 6750 §3: reading the resource server's WWW-Authenticate challenge.

export type BearerChallenge = {
  error: string | undefined;
  error_description: string | undefined;
  scope: string | undefined;
};

/**
 * Parses `Bearer realm="…", error="invalid_token", error_description="…"` (RFC 6750 §3, auth-param
 * syntax of RFC 9110 §11.2). Returns undefined when the header is absent or not a Bearer challenge.
 */
export function parseBearerChallenge(header: string | null | undefined): BearerChallenge | undefined {
  if (!header) return undefined;
  const match = /^\s*Bearer(?:\s+(.*))?$/i.exec(header);
  if (!match) return undefined;
  const params = new Map<string, string>();
  const param = /([A-Za-z0-9_!#$%&'*+.^`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/g;
  for (const m of (match[1] ?? "").matchAll(param)) {
    const name = m[1];
    if (name === undefined) continue;
    params.set(name.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? ""));
  }
  return { error: params.get("error"), error_description: params.get("error_description"), scope: params.get("scope") };
}
