import type { NextConfig } from "next";

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
};

export default nextConfig;
