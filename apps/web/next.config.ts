import type { NextConfig } from "next";

const config: NextConfig = {
  // @corridor/data ships TypeScript source; Next compiles it (no build step in development).
  transpilePackages: ["@corridor/data"],
  // The native driver stays a plain Node require on the server.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
};

export default config;
