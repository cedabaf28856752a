/**
 * Fault tests of `corridor import` as separate processes on one database file: two imports at once,
 * readers during an import, a read-only database and a full disk. Every file here is SYNTHETIC and
 * small (tens of thousands of rows); the same faults at 1,000,000 rows run in test/faults-slow.ts.
 */
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainDatabaseError, openDb, DatabaseError } from "../db.ts";
import { importFile } from "./index.ts";
import { dbChecksum, dbCounts, integrity, sleep, startCli as start, type CliRun, syntheticTidyCsv, tmpFile, tmpPath, untilWriting } from "../test/helpers.ts";

const ONE = "indicator,origin,destination,period,value\nentries,TJK,RUS,2020,1\n";
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at |Error:|node:internal/m);

/** A database (in WAL mode, as the CLI leaves it) with one committed import of one observation. */
async function seededDb(name: string, dir?: string): Promise<string> {
  const path = dir ? join(dir, name) : tmpPath(name);
  const db = openDb(path);
  try {
    expect(await importFile(db, tmpFile(ONE))).toMatchObject({ committed: true, inserted: 1 });
  } finally {
    db.close();
  }
  return path;
}

describe("two imports at once", () => {
  it("started together on one database file: serialised by SQLite's lock, both land in full", async () => {
    const db = await seededDb("together.db");
    const a = start(["import", syntheticTidyCsv(20_000, 0), "--db", db, "--json"]);
    const b = start(["import", syntheticTidyCsv(20_000, 10_000), "--db", db, "--json"]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.status, rb.status], ra.stderr + rb.stderr).toEqual([0, 0]);
    expect(JSON.parse(ra.stdout)).toMatchObject({ committed: true, inserted: 20_000 });
    expect(JSON.parse(rb.stdout)).toMatchObject({ committed: true, inserted: 20_000 });
    expect(dbCounts(db)).toEqual({ observations: 40_001, imports: 3, revisions: 0 });
    const check = new Database(db, { readonly: true });
    // Every row belongs to the import that wrote it: no interleaving inside one import's id range.
    const perImport = check.prepare("SELECT import_id AS id, count(*) AS n, sum(value) AS total FROM observations GROUP BY import_id ORDER BY import_id").all();
    check.close();
    const total = (20_000 * 19_999) / 2;
    expect(perImport).toEqual([
      { id: 1, n: 1, total: 1 },
      { id: 2, n: 20_000, total },
      { id: 3, n: 20_000, total },
    ]);
    expect(integrity(db)).toBe("ok");
  });

  it("the second waits while the first holds the write lock; past its wait it stops with a clear error and writes nothing", async () => {
    const db = await seededDb("waiting.db");
    // Big enough that its writes span a second or more: frozen mid-way, not just before its commit.
    const a = start(["import", syntheticTidyCsv(200_000), "--db", db, "--json"]);
    await untilWriting(a, db, 512 * 1024);
    // Freeze the first import inside its transaction: the write lock is held for as long as we like.
    a.child.kill("SIGSTOP");
    try {
      const second = tmpFile("indicator,origin,destination,period,value\nentries,KGZ,RUS,2020,7\nentries,KGZ,RUS,2021,8\n");
      const impatient = await start(["import", second, "--db", db], { CORRIDOR_BUSY_TIMEOUT_MS: "300" }).done;
      expect(impatient.status).toBe(1);
      expect(impatient.stderr.trim()).toBe(
        `corridor: the database ${db} is busy: another process (an import or another writer) kept it locked for longer than 0.3 s; nothing was written. Try again when it has finished (CORRIDOR_BUSY_TIMEOUT_MS sets the wait)`,
      );
      noStackTrace(impatient.stderr);

      const patient = start(["import", second, "--db", db, "--json"]);
      // A one-row import finishes in about 2 s when nothing blocks it; this one must still be waiting.
      await sleep(3_500);
      expect(patient.child.exitCode).toBeNull();
      a.child.kill("SIGCONT");
      const [ra, rb] = await Promise.all([a.done, patient.done]);
      expect([ra.status, rb.status], ra.stderr + rb.stderr).toEqual([0, 0]);
      expect(JSON.parse(ra.stdout)).toMatchObject({ importId: 2, inserted: 200_000 });
      expect(JSON.parse(rb.stdout)).toMatchObject({ importId: 3, inserted: 2 });
      expect(dbCounts(db)).toEqual({ observations: 200_003, imports: 3, revisions: 0 });
      expect(integrity(db)).toBe("ok");
    } finally {
      a.child.kill("SIGCONT");
      a.child.kill("SIGKILL");
    }
  });
});

/**
 * Stops the importing process (SIGSTOP) at a moment when a reader can get in. A stop can land in
 * the instant the writer holds a WAL-index lock that readers also need (it restarts the WAL or
 * spills its cache), and SQLite then answers "database is locked" until it runs on: let it run a
 * little and stop it again.
 */
async function pauseOutsideLocks(run: CliRun, reader: Database.Database, read: () => unknown): Promise<void> {
  // A stopped writer never lets go: fail fast instead of the reader's usual 5 s wait.
  reader.pragma("busy_timeout = 100");
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      run.child.kill("SIGSTOP");
      try {
        read();
        return;
      } catch (error) {
        if (!/database is locked|SQLITE_BUSY/.test(String(error))) throw error;
        run.child.kill("SIGCONT");
        await sleep(5);
      }
    }
    throw new Error("the import never paused where a reader could get in");
  } finally {
    reader.pragma("busy_timeout = 5000");
  }
}

describe("readers during an import", () => {
  const ROWS = 100_000;
  it("see the old data whole while the import's transaction is open, and the new data once it commits", async () => {
    const db = await seededDb("readers.db");
    const before = dbChecksum(db);
    const reader = new Database(db, { readonly: true });
    const counts = () =>
      reader.prepare("SELECT (SELECT count(*) FROM observations) AS obs, (SELECT count(*) FROM imports) AS imports, (SELECT coalesce(sum(value), 0) FROM observations) AS total").get();
    // Big enough that the import is still mid-transaction however the machine is loaded.
    const a = start(["import", syntheticTidyCsv(ROWS), "--db", db]);
    try {
      await untilWriting(a, db, 512 * 1024);
      await pauseOutsideLocks(a, reader, counts);
      // Mid-import (thousands of rows already in the WAL): a new reader sees exactly the old database.
      expect(counts()).toEqual({ obs: 1, imports: 1, total: 1 });
      expect(dbChecksum(db)).toBe(before);
      // A read transaction opened now keeps its snapshot even after the import commits.
      reader.exec("BEGIN");
      expect(counts()).toEqual({ obs: 1, imports: 1, total: 1 });
      a.child.kill("SIGCONT");
      expect((await a.done).status).toBe(0);
      expect(counts()).toEqual({ obs: 1, imports: 1, total: 1 });
      reader.exec("COMMIT");
      expect(counts()).toEqual({ obs: ROWS + 1, imports: 2, total: 1 + (ROWS * (ROWS - 1)) / 2 });
    } finally {
      a.child.kill("SIGCONT");
      a.child.kill("SIGKILL");
      reader.close();
    }
  });
});

describe("a read-only database file", () => {
  it("stops the import with a clear error and leaves the database as it was", async () => {
    // Root ignores file permissions, so as root the CLI runs as `nobody`, for whom the file is read-only.
    const asRoot = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), "corridor-ro-"));
    chmodSync(dir, 0o755);
    try {
      const db = await seededDb("readonly.db", dir);
      chmodSync(db, 0o444);
      const before = dbChecksum(db);
      const file = join(dir, "more.csv");
      syntheticTidyCsv(100, 0, file);
      chmodSync(file, 0o644);
      const r = await start(["import", file, "--db", db], {}, asRoot ? { uid: 65534, gid: 65534 } : {}).done;
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`corridor: the database ${db} is read-only (file or folder permissions, or a read-only disk); nothing was written`);
      noStackTrace(r.stderr);
      expect(dbChecksum(db)).toBe(before);
      chmodSync(db, 0o644);
      expect(integrity(db)).toBe("ok");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A 3 MB tmpfs when this process may mount one (root in a container with CAP_SYS_ADMIN). */
function smallTmpfs(): string | null {
  if (process.getuid?.() !== 0 || process.platform !== "linux") return null;
  const dir = mkdtempSync(join(tmpdir(), "corridor-full-"));
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=3m", "corridor-full", dir], { encoding: "utf8" });
  if (r.status === 0) return dir;
  rmSync(dir, { recursive: true, force: true });
  return null;
}

describe("a full disk", () => {
  it("simulated with a 3 MB tmpfs under the database (root only; else skipped): a clear error, nothing half-written, the next import works", async (ctx) => {
    const dir = smallTmpfs();
    if (dir === null) return ctx.skip();
    try {
      const db = await seededDb("full.db", dir);
      const before = dbChecksum(db);
      const r = await start(["import", syntheticTidyCsv(50_000), "--db", db]).done;
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`corridor: the disk holding the database ${db} is full; the transaction was rolled back and nothing was written. Free some space and run it again`);
      noStackTrace(r.stderr);
      expect(dbChecksum(db)).toBe(before);
      expect(integrity(db)).toBe("ok");
      const next = await start(["import", tmpFile("indicator,origin,destination,period,value\nentries,UZB,RUS,2020,5\n"), "--db", db]).done;
      expect(next.status, next.stderr).toBe(0);
      expect(dbCounts(db)).toEqual({ observations: 2, imports: 2, revisions: 0 });
    } finally {
      spawnSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("simulated with PRAGMA max_page_count (works without root): SQLITE_FULL is explained, nothing half-written", async () => {
    const path = tmpPath("maxpages.db");
    const db = openDb(path);
    try {
      await importFile(db, tmpFile(ONE));
      const before = dbChecksum(path);
      const pages = db.sqlite.pragma("page_count", { simple: true }) as number;
      // Room for a few dozen more pages: the import runs out of database partway through its rows.
      db.sqlite.pragma(`max_page_count = ${pages + 40}`);
      const error = await importFile(db, syntheticTidyCsv(20_000)).catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe("SQLITE_FULL");
      const explained = explainDatabaseError(error, path);
      expect(explained).toBeInstanceOf(DatabaseError);
      expect((explained as Error).message).toBe(`the disk holding the database ${path} is full; the transaction was rolled back and nothing was written. Free some space and run it again`);
      expect(db.sqlite.inTransaction).toBe(false);
      expect(dbChecksum(path)).toBe(before);
      expect(db.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
      // Room again: the next import works.
      db.sqlite.pragma("max_page_count = 1073741823");
      expect(await importFile(db, syntheticTidyCsv(500))).toMatchObject({ committed: true, inserted: 500 });
      expect(db.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.close();
    }
  });
});
