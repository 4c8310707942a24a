import type { NextConfig } from "next";

// Next's dev server (React's debugging tools) needs eval; the production build does not.
const isDev = process.env.NODE_ENV === "development";

/**
 * A strict Content-Security-Policy for a server-rendered app: everything from our own origin, nothing
 * from a CDN. Next's hydration uses inline scripts, hence 'unsafe-inline' for scripts (no nonces here).
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  // Clickjacking protection for browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Never send our URLs (which may carry `code` or `state` on the callback) to another origin.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The shared protocol package ships TypeScript sources.
  transpilePackages: ["@oauth-flow-lab/oauth"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
