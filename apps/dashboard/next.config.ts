import type { NextConfig } from "next";
import { buildContentSecurityPolicy } from "./src/lib/content-security-policy";
import { HEADER_SOURCES, SECURITY_HEADERS } from "./src/lib/security-headers";

// Next's dev server (React's debugging tools) needs eval; the production build does not.
const isDev = process.env.NODE_ENV === "development";

const contentSecurityPolicy = buildContentSecurityPolicy({ dev: isDev });

const securityHeaders = [{ key: "Content-Security-Policy", value: contentSecurityPolicy }, ...SECURITY_HEADERS];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The shared protocol package ships TypeScript sources.
  transpilePackages: ["@oauth-flow-lab/oauth", "@oauth-flow-lab/lab"],
  async headers() {
    return [
      // /spa (and every path under it) talks to the AS and the mail API from the browser: its CSP
      // (connect-src with their origins, known only at run time) is set by src/proxy.ts instead.
      { source: HEADER_SOURCES.notSpa, headers: securityHeaders },
      { source: HEADER_SOURCES.spa, headers: [...SECURITY_HEADERS] },
      { source: HEADER_SOURCES.clickjack, headers: [...SECURITY_HEADERS] },
    ];
  },
};

export default nextConfig;
