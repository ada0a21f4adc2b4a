import type { NextConfig } from "next";
import { apiSecurityHeaders, strictTransportSecurity } from "./src/server/http/security-headers";

const headerList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled (native/wasm payloads, dynamic requires).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@myriaddreamin/typst-ts-node-compiler",
    "@aws-sdk/client-s3",
    "@aws-sdk/s3-request-presigner",
    "@azure/storage-blob",
    "@google-cloud/storage",
    "pg-boss",
    "pg",
    "nodemailer",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Pages get theirs (with a per-request CSP nonce) from src/proxy.ts. These are fixed at build time, so HSTS
  // follows the TLS-terminating proxy's X-Forwarded-Proto rather than APP_URL.
  async headers() {
    return [
      { source: "/api/:path*", headers: headerList(apiSecurityHeaders) },
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: strictTransportSecurity }],
      },
    ];
  },
};

export default nextConfig;
