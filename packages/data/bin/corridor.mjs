#!/usr/bin/env node
// The package ships TypeScript source. Compiling it with tsx on every run cost ≈ 1 s of start-up
// (tsx's loader thread transforming ~60 modules), so the CLI runs from an ESM bundle of src/ that
// esbuild (tsx's own copy) writes on the first run and again whenever a source file changes.
// Dependencies are bundled too (resolving and loading drizzle-orm's many modules cost ≈ 60 ms of
// every start), except better-sqlite3, a native addon; the lockfile is part of the bundle's key.
// The bundle sits in packages/data/.cli-cache/cli-KEY/ (git-ignored, never committed); the
// migrations folders, which the source finds relative to itself, are named through
// CORRIDOR_MIGRATIONS and CORRIDOR_PG_MIGRATIONS.
// If the bundle cannot be built (no esbuild, read-only checkout), tsx runs the source as before.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(packageDir, "src");
const cacheDir = join(packageDir, ".cli-cache");

/** A key over every source file's path, size and mtime (≈ 2 ms): any edit makes a new bundle. */
function sourceKey() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const s = statSync(path);
        hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(srcDir);
  const pkg = statSync(join(packageDir, "package.json"));
  hash.update(`package.json\0${pkg.size}\0${pkg.mtimeMs}\0${process.version}`);
  // Bundled dependencies change with the lockfile (npm ci, npm install).
  try {
    const lock = statSync(join(packageDir, "..", "..", "package-lock.json"));
    hash.update(`package-lock.json\0${lock.size}\0${lock.mtimeMs}`);
  } catch {
    // not in the monorepo checkout
  }
  return hash.digest("hex").slice(0, 16);
}

async function bundle() {
  if (process.env.CORRIDOR_NO_BUNDLE) return undefined;
  try {
    const key = sourceKey();
    const dir = join(cacheDir, `cli-${key}`);
    const file = join(dir, "cli.mjs");
    try {
      statSync(file);
      return file;
    } catch {
      // not built yet for these sources
    }
    const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"))("esbuild");
    const result = await esbuild.build({
      // The import's parser worker is an entry of its own; commands' rarely used parts (chrono-node,
      // yaml) are split into chunks loaded on use, so they cost no start-up.
      entryPoints: { cli: join(srcDir, "cli", "index.ts"), "parse-worker": join(srcDir, "import", "parse-worker.ts") },
      bundle: true,
      splitting: true,
      outdir: dir,
      outExtension: { ".js": ".mjs" },
      chunkNames: "chunk-[hash]",
      platform: "node",
      format: "esm",
      target: `node${process.versions.node.split(".")[0]}`,
      plugins: [{
        name: "external-packages",
        setup(build) {
          // PostgreSQL's drivers too: PGlite loads its WASM beside its own module, and pg is only loaded for a postgres:// --db.
          const external = /^(better-sqlite3|pg|@electric-sql\/pglite)(\/|$)/;
          build.onResolve({ filter: /^[^./]/ }, (args) => (external.test(args.path) ? { path: args.path, external: true } : undefined));
        },
      }],
      write: false,
      logLevel: "silent",
      // Bundled CommonJS-style helpers need a require in ESM.
      banner: { js: `import { createRequire as __corridorRequire } from "node:module"; const require = __corridorRequire(import.meta.url);` },
    });
    // Written to a temporary folder, then renamed: a CLI started at the same moment sees the whole
    // bundle or none.
    const temporary = `${dir}.${process.pid}.tmp`;
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary, { recursive: true });
    for (const output of result.outputFiles) writeFileSync(join(temporary, relative(dir, output.path)), output.contents);
    try {
      renameSync(temporary, dir);
    } catch {
      // Another CLI built the same bundle first.
      rmSync(temporary, { recursive: true, force: true });
      statSync(file);
    }
    for (const old of readdirSync(cacheDir)) {
      if (old !== `cli-${key}` && !old.endsWith(".tmp")) rmSync(join(cacheDir, old), { recursive: true, force: true });
    }
    return file;
  } catch {
    return undefined;
  }
}

const built = await bundle();
if (built) {
  process.env.CORRIDOR_MIGRATIONS ??= join(packageDir, "drizzle");
  process.env.CORRIDOR_PG_MIGRATIONS ??= join(packageDir, "drizzle-pg");
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/index.ts");
}
