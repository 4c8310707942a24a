// The dashboard's security headers, defined once: next.config.ts sends them on every path, and src/proxy.ts
// adds the Content-Security-Policy to every response (a nonce per request; /spa and the clickjacking
// scenario also name origins known only at run time). RFC 9700 §4.16 (clickjacking), §4.2.4 (Referer); OWASP Secure Headers.

/** Every header but the Content-Security-Policy. */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  // Clickjacking protection for browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Never send our URLs (which may carry `code` or `state` on the callback) to another origin.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** /spa and every path under it (not /spaces): their CSP comes from src/proxy.ts. */
export function isSpaPath(pathname: string): boolean {
  return pathname === "/spa" || pathname.startsWith("/spa/");
}

/**
 * The attack lab's clickjacking scenario page: it frames LabMail's consent page on purpose, so that the
 * student sees LabMail's own `frame-ancestors 'none'` refuse it. Its CSP (frame-src the AS) comes from
 * src/proxy.ts too; every other header is the same.
 */
export const CLICKJACK_PATH = "/attacks/5";

/** next.config.ts `headers()` source: every path (the Content-Security-Policy comes from src/proxy.ts). */
export const HEADER_SOURCE = "/(.*)";
