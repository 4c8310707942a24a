import type { NextConfig } from "next";

// Headers for every page of the AS (RFC 9700 §4.16 clickjacking; no referrer leaks codes or state).
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Content-Type-Options", value: "nosniff" },
];

const config: NextConfig = {
  poweredByHeader: false,
  // No gzip in Node: what reaches its 1 KiB threshold is mostly the token endpoint's JSON (a signed JWT),
  // read by servers over loopback or a LAN, and compressing it cost about 3% of the AS's CPU per flow
  // (docs/performance.md). Pages stream in small first chunks and were not compressed anyway; a proxy in
  // front may compress static files (pages holding secrets are better left alone: BREACH).
  compress: false,
  transpilePackages: ["@oauth-flow-lab/oauth", "@oauth-flow-lab/db", "@oauth-flow-lab/lab", "@oauth-flow-lab/log"],
  serverExternalPackages: ["argon2", "@prisma/client", "@prisma/adapter-pg", "pg"],
  experimental: {
    // The proxy (src/proxy.ts) runs on the pages and their forms: Next.js buffers a copy of each request
    // body for it, 10 MB by default, and cuts it there. Four times the largest form the AS reads
    // (protocol/parameters.ts FORM_BODY_LIMIT): a cut body is always longer than that, so it is refused,
    // never read as a shorter form. The protocol endpoints skip the proxy and read their bodies bounded.
    proxyClientMaxBodySize: "256kb",
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/interaction/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
      // Public documents that browser-based clients read across origins (no credentials involved).
      { source: "/.well-known/:path*", headers: [{ key: "Access-Control-Allow-Origin", value: "*" }] },
      { source: "/jwks", headers: [{ key: "Access-Control-Allow-Origin", value: "*" }] },
    ];
  },
};

export default config;
