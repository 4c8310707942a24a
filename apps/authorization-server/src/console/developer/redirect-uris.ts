// Redirect URIs a student may register in the developer console (RFC 6749 §3.1.2, RFC 9700 §4.1.3,
// RFC 8252 §7.3): absolute, compared as exact strings at /authorize, so no pattern of any kind.
import { DEVELOPER_CONSOLE } from "@oauth-flow-lab/lab";

/** Why a redirect URI is refused; the console's page words each one. */
export type RedirectUriProblem =
  | "redirect_uri_relative"
  | "redirect_uri_scheme"
  | "redirect_uri_http_not_loopback"
  | "redirect_uri_wildcard"
  | "redirect_uri_fragment"
  | "redirect_uri_userinfo"
  | "redirect_uri_length";

/** RFC 8252 §7.3, §8.3: plain http only for the loopback interface (the browser never leaves the machine). */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * The problem with one redirect URI, or null when it may be registered as typed. RFC 6749 §3.1.2:
 * absolute, no fragment; RFC 9700 §4.1.3: exact string matching, hence no wildcard; RFC 9700 §4.1.1 and
 * RFC 3986 §3.2.1: no userinfo (a URI like `https://maildash@evil.example` misleads a reader); RFC 9700
 * §2.6: https, except http on loopback (RFC 8252 §7.3).
 */
export function redirectUriProblem(value: string): RedirectUriProblem | null {
  if (value.length > DEVELOPER_CONSOLE.maxRedirectUriLength) return "redirect_uri_length";
  if (value.includes("*")) return "redirect_uri_wildcard";
  if (value.includes("#")) return "redirect_uri_fragment";
  // Whitespace or control characters would make the stored string differ from what a browser sends.
  if (!URL.canParse(value) || /[\s\p{Cc}]/u.test(value)) return "redirect_uri_relative";
  const url = new URL(value);
  if (url.username !== "" || url.password !== "" || /^[a-z][a-z0-9+.-]*:\/\/[^/?]*@/i.test(value)) return "redirect_uri_userinfo";
  if (url.protocol === "https:") return url.hostname === "" ? "redirect_uri_relative" : null;
  if (url.protocol === "http:") return LOOPBACK_HOSTS.has(url.hostname) ? null : "redirect_uri_http_not_loopback";
  return "redirect_uri_scheme";
}
