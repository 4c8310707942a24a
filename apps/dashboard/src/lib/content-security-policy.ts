// The dashboard's Content-Security-Policy, defined once and sent by src/proxy.ts on every response:
// a fresh nonce per request, so that only the scripts this server rendered run (no 'unsafe-inline' for
// scripts). Next.js reads the policy from the request and puts the nonce on its own scripts; every page
// is rendered per request for it (app/layout.tsx). OWASP Secure Headers; CSP Level 3 §8.2 (strict-dynamic).

/** A fresh nonce: 128 random bits, base64 (CSP Level 3 §2.3.1: base64-value). Web Crypto: any runtime. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * A strict policy for a server-rendered app: everything from our own origin, nothing from a CDN;
 * scripts only with this response's nonce (and what they load: 'strict-dynamic'). Styles keep
 * 'unsafe-inline' (React's style attributes; styles cannot run code).
 */
export function buildContentSecurityPolicy(options: {
  nonce: string;
  dev: boolean;
  connectSrc?: readonly string[];
  frameSrc?: readonly string[];
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...(options.connectSrc ?? [])].join(" "),
    ...(options.frameSrc ? [["frame-src 'self'", ...options.frameSrc].join(" ")] : []),
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
