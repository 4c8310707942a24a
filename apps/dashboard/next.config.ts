import type { NextConfig } from "next";
import { HEADER_SOURCE, SECURITY_HEADERS } from "./src/lib/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The shared protocol package ships TypeScript sources.
  transpilePackages: ["@oauth-flow-lab/oauth", "@oauth-flow-lab/lab", "@oauth-flow-lab/log"],
  experimental: {
    // The proxy (src/proxy.ts) runs on every page and form: Next.js buffers a copy of each request body
    // for it, 10 MB by default, and cuts it there. Twice the largest form the dashboard reads
    // (lib/form-body.ts): a cut body is always longer than the routes' own limit, so it is refused,
    // never read as a shorter form.
    proxyClientMaxBodySize: "256kb",
  },
  async headers() {
    return [
      // Every path; the Content-Security-Policy (with a nonce per request) is set by src/proxy.ts.
      { source: HEADER_SOURCE, headers: [...SECURITY_HEADERS] },
    ];
  },
};

export default nextConfig;
