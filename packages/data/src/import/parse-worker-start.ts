/**
 * Starts the import's parser worker. From the CLI's bundle the worker is its sibling entry
 * `parse-worker.mjs`; from source (tests, the CLI's tsx fallback) it is parse-worker.ts behind
 * parse-worker-source.mjs, which registers tsx's loader. Kept out of the package's exports: the
 * web app bundles the data package and imports on its own thread.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { StartParseWorker } from "./read.ts";

export const startParseWorker: StartParseWorker = () => {
  const bundled = new URL("./parse-worker.mjs", import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return new Worker(bundled);
  return new Worker(new URL("./parse-worker-source.mjs", import.meta.url));
};
