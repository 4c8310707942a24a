// The dashboard's Content-Security-Policy, defined once: next.config.ts applies it to every page, and
// src/proxy.ts to /spa with the extra origins the browser-based client talks to (known at run time).

/**
 * A strict policy for a server-rendered app: everything from our own origin, nothing from a CDN.
 * Next's hydration uses inline scripts, hence 'unsafe-inline' for scripts (no nonces here).
 */
export function buildContentSecurityPolicy(options: {
  dev: boolean;
  connectSrc?: readonly string[];
  frameSrc?: readonly string[];
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ""}`,
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
