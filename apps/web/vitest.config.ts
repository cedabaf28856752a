import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // One server at a time on a 2-core machine.
    fileParallelism: false,
  },
});
