// The parser worker run from source (tests, the CLI's tsx fallback): tsx compiles the TypeScript.
// Worker threads do not take `--import` in execArgv, so the loader is registered here.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");
