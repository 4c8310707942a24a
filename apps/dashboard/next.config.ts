import type { NextConfig } from "next";
import { HEADER_SOURCE, SECURITY_HEADERS } from "./src/lib/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The shared protocol package ships TypeScript sources.
  transpilePackages: ["@oauth-flow-lab/oauth", "@oauth-flow-lab/lab", "@oauth-flow-lab/log"],
  async headers() {
    return [
      // Every path; the Content-Security-Policy (with a nonce per request) is set by src/proxy.ts.
      { source: HEADER_SOURCE, headers: [...SECURITY_HEADERS] },
    ];
  },
};

export default nextConfig;
