import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The app's own import alias (tsconfig paths), for unit tests of modules that use it.
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    include: ["e2e/**/*.test.ts", "src/**/*.test.ts"],
    // Hang guards, not speed targets: the machine is shared and CI builds beside the tests.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One server at a time on a 2-core machine.
    fileParallelism: false,
  },
});
