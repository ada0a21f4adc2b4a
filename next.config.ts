import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled (native/wasm payloads, dynamic requires).
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg-boss", "pg", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
