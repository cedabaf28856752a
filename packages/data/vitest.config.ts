import { defineConfig } from "vitest/config";
import { ON_POSTGRES } from "./src/test/engines.ts";

// CORRIDOR_TEST_ENGINE=pglite|postgres runs the files ported to PostgreSQL (src/test/engines.ts) on it.
const engine = process.env.CORRIDOR_TEST_ENGINE?.trim() || (process.env.CORRIDOR_TEST_DATABASE_URL?.trim() ? "postgres" : "sqlite");

export default defineConfig({
  test: {
    include: engine === "sqlite" ? ["src/**/*.test.ts"] : ON_POSTGRES,
    setupFiles: ["src/test/setup.ts"],
    // A hang guard, not a speed target: CLI tests spawn processes and CI builds the web app beside them.
    testTimeout: 120_000,
    // PGlite takes seconds to start on a busy machine, once per file.
    hookTimeout: 120_000,
  },
});
