import type { NextConfig } from "next";
import { buildContentSecurityPolicy } from "./src/lib/content-security-policy";

// Next's dev server (React's debugging tools) needs eval; the production build does not.
const isDev = process.env.NODE_ENV === "development";

const contentSecurityPolicy = buildContentSecurityPolicy({ dev: isDev });

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
  transpilePackages: ["@oauth-flow-lab/oauth", "@oauth-flow-lab/lab"],
  async headers() {
    return [
      // /spa talks to the AS and the mail API from the browser: its CSP (connect-src with their
      // origins, known only at run time) is set by src/proxy.ts instead.
      { source: "/((?!spa).*)", headers: securityHeaders },
      { source: "/spa", headers: securityHeaders.filter((h) => h.key !== "Content-Security-Policy") },
    ];
  },
};

export default nextConfig;
