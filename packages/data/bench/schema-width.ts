/**
 * Experiment for the import-speed target (#2), not part of `npm run bench`: SQLite's own cost of
 * landing 1,000,000 staged rows (one INSERT … SELECT, then COMMIT with its WAL checkpoint) in
 * today's observations row (text keys, period bounds in every row) against a narrower row with
 * integer keys, same unique and import indexes. SYNTHETIC rows, made in SQL; file in the OS temp dir.
 * Run: `npx tsx bench/schema-width.ts` (three interleaved rounds).
 */
import Database from "better-sqlite3";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const file = join(tmpdir(), "corridor-schema-width.db");
const wide = `CREATE TABLE o (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, origin TEXT NOT NULL, destination TEXT NOT NULL, period TEXT NOT NULL, frequency TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, value REAL NOT NULL, breakdown TEXT NOT NULL, flag TEXT, source TEXT, import_id INTEGER NOT NULL);
CREATE UNIQUE INDEX k ON o(origin, destination, indicator, period, breakdown); CREATE INDEX i ON o(import_id);`;
const narrow = `CREATE TABLE o (id INTEGER PRIMARY KEY, indicator INTEGER NOT NULL, origin INTEGER NOT NULL, destination INTEGER NOT NULL, period INTEGER NOT NULL, value REAL NOT NULL, breakdown INTEGER NOT NULL, flag TEXT, source INTEGER, import_id INTEGER NOT NULL);
CREATE UNIQUE INDEX k ON o(origin, destination, indicator, period, breakdown); CREATE INDEX i ON o(import_id);`;
const stage = `CREATE TEMP TABLE s AS WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x+1 FROM n WHERE x < 999999)
  SELECT 1 AS ind, x / 4016 AS org, x / 1004 % 4 AS dst, x % 1004 AS per, x * 1.5 AS v FROM n`;
const ins = {
  wide: `INSERT INTO o (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, source, import_id)
    SELECT 'entries', 'C' || org, 'P' || dst, printf('%04d-%02d', 1900 + per / 12, per % 12 + 1), 'M', printf('%04d-%02d-01', 1900 + per / 12, per % 12 + 1), printf('%04d-%02d-28', 1900 + per / 12, per % 12 + 1), v, 'total', NULL, NULL, 1 FROM s WHERE true ON CONFLICT DO NOTHING`,
  narrow: `INSERT INTO o (indicator, origin, destination, period, value, breakdown, flag, source, import_id) SELECT ind, org, dst, per, v, 0, NULL, NULL, 1 FROM s WHERE true ON CONFLICT DO NOTHING`,
};
for (let round = 0; round < 3; round++)
  for (const [name, ddl] of [["wide", wide], ["narrow", narrow]] as const) {
    for (const x of ["", "-wal", "-shm"]) rmSync(file + x, { force: true });
    const db = new Database(file); db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL");
    db.exec(ddl); db.exec(stage);
    const t = performance.now();
    db.exec("BEGIN"); db.prepare(ins[name]).run(); const t1 = performance.now(); db.exec("COMMIT");
    const t2 = performance.now(); db.close();
    console.log(round, name, "insert", (t1 - t).toFixed(0), "commit", (t2 - t1).toFixed(0), "total", (t2 - t).toFixed(0), "MB", (statSync(file).size / 1e6).toFixed(0));
  }
for (const x of ["", "-wal", "-shm"]) rmSync(file + x, { force: true });
