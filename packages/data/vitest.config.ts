import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // A hang guard, not a speed target: CLI tests spawn processes and CI builds the web app beside them.
    testTimeout: 120_000,
  },
});
