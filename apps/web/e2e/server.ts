/** Starts the built app (server.mjs: Next behind the chart fast path) on a free port against a database made for the test. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..", "..", "..");

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

export interface TestServer {
  url: string;
  dbPath: string;
  uploadsDir: string;
  /** The server process, for its memory (/proc/PID/status). */
  pid: number;
  stop(): Promise<void>;
}

/** Runs the `corridor` CLI on a database; `input` goes to stdin (passwords). Throws on failure. */
export function corridorCli(dbPath: string, args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [join(root, "packages/data/bin/corridor.mjs"), ...args, "--db", dbPath], { encoding: "utf8", input });
  if (r.status !== 0) throw new Error(`corridor ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

export interface ServerOptions {
  /** Extra environment for the server (CORRIDOR_REQUIRE_LOGIN, CORRIDOR_MAX_UPLOAD_BYTES…). */
  env?: Record<string, string>;
  /** Runs on the seeded database before the server starts (users, tokens; a benchmark's big database, awaited). */
  setup?: (dbPath: string) => void | Promise<void>;
  /** The address to bind: 127.0.0.1 by default; "0.0.0.0" as `npm start` binds (requests still go to 127.0.0.1). */
  bind?: string;
  /** Runs before the server starts, with the folder the uploads will go to (stray files). */
  beforeStart?: (uploadsDir: string) => void;
  /** "next": plain `next start`, without server.mjs's gate and fast path, to test what the routes check themselves. */
  entry?: "server.mjs" | "next";
  /** Another instance of the site: this server shares that one's database instead of seeding its own. */
  sameSiteAs?: TestServer;
  /** How long the first answer may take (default 150 s; a benchmark's 10M-row database takes longer on a busy machine). */
  readyTimeoutMs?: number;
}

/** Seeds a fresh database from data/seed and serves the app on it. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "corridor-web-"));
  const dbPath = options.sameSiteAs?.dbPath ?? join(dir, "test.db");
  // Its own uploads folder even then: it holds only uploads in flight; originals live in the database.
  const uploadsDir = join(dir, "uploads");
  if (!options.sameSiteAs) {
    const seeded = spawnSync(process.execPath, [join(root, "packages/data/bin/corridor.mjs"), "seed", "--db", dbPath], { encoding: "utf8" });
    if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  }
  await options.setup?.(dbPath);
  options.beforeStart?.(uploadsDir);
  const port = await freePort();
  const entry = options.entry === "next" ? [join(root, "node_modules/next/dist/bin/next"), "start"] : ["server.mjs"];
  const child: ChildProcess = spawn(process.execPath, [...entry, "-p", String(port), "-H", options.bind ?? "127.0.0.1"], {
    cwd: join(root, "apps/web"),
    // Uploaded originals go beside the test's database, not into the repository's data/uploads.
    // NODE_ENV as `npm start` has it, not vitest's "test": libraries change behaviour on it.
    env: { ...process.env, NODE_ENV: "production", CORRIDOR_DB: dbPath, CORRIDOR_UPLOADS_DIR: uploadsDir, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const readyMs = options.readyTimeoutMs ?? 150_000;
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      // Any answer from Next (a redirect to /login under CORRIDOR_REQUIRE_LOGIN, too) means it is up.
      if ((await fetch(url, { redirect: "manual" })).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer in ${readyMs / 1000} s: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dbPath,
    uploadsDir,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request whose target goes out byte for byte as written (fetch resolves dot segments first) and
 * whose headers may include Host (fetch will not send a chosen Host).
 */
export function rawRequest(serverUrl: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const { port } = new URL(serverUrl);
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end(options.body);
  });
}
