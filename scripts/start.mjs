#!/usr/bin/env node
// `npm start`: create data/corridor.db from the seed when it is missing, build the web app if needed
// (turbo replays its cache when nothing changed), then serve http://localhost:3000.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const dbPath = resolve(process.env.CORRIDOR_DB || join(root, "data", "corridor.db"));
const port = process.env.PORT || "3000";
const env = { ...process.env, CORRIDOR_DB: dbPath, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// With CORRIDOR_DATABASE_URL the site serves PostgreSQL (filled with `corridor copy`, say): no SQLite file to seed.
const postgres = process.env.CORRIDOR_DATABASE_URL?.trim();
const shown = postgres ? redacted(postgres) : dbPath;

/** The URL without its password, for the console. */
function redacted(url) {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString().replace(/:@/, "@");
  } catch {
    return "(CORRIDOR_DATABASE_URL)";
  }
}

if (!postgres && !existsSync(dbPath)) {
  console.log(`No database at ${dbPath}: loading the demo dataset.`);
  run(process.execPath, [join(root, "packages", "data", "bin", "corridor.mjs"), "seed", "--db", dbPath]);
}
run(bin("turbo"), ["run", "build", "--filter=@corridor/web", "--output-logs=errors-only"]);

console.log(`Corridor on http://localhost:${port} (database ${shown})`);
// Next.js behind the chart fast path (apps/web/server.mjs), started like `next start`.
const server = spawn(process.execPath, ["server.mjs", "-p", port], { cwd: join(root, "apps", "web"), env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
