#!/usr/bin/env node
// The package ships TypeScript source (no build step); tsx compiles it on the fly.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
