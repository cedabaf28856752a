/**
 * Experiment behind openDb's 16 KiB pages (#2), not part of `npm run bench`: SQLite's own cost of
 * landing 1,000,000 rows shaped like observations (same columns, unique key and import indexes)
 * with one INSERT … SELECT and its COMMIT (WAL checkpoint included), at page sizes 4, 8, 16 and
 * 32 KiB. SYNTHETIC rows, made in SQL; file in the OS temp dir.
 * Run: `npx tsx bench/page-size.ts` (two interleaved rounds).
 */
import Database from "better-sqlite3";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const file = join(tmpdir(), "corridor-page-size.db");
const ddl = `CREATE TABLE o (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, origin TEXT NOT NULL, destination TEXT NOT NULL, period TEXT NOT NULL, frequency TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, value REAL NOT NULL, breakdown TEXT NOT NULL, flag TEXT, source TEXT, import_id INTEGER NOT NULL);
CREATE UNIQUE INDEX k ON o(origin, destination, indicator, period, breakdown); CREATE INDEX i ON o(import_id);`;
const stage = `CREATE TEMP TABLE s AS WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x+1 FROM n WHERE x < 999999)
  SELECT x / 4016 AS org, x / 1004 % 4 AS dst, x % 1004 AS per, x * 1.5 AS v FROM n`;
const insert = `INSERT INTO o (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, source, import_id)
  SELECT 'entries', 'C' || (100 + org), 'P' || dst, printf('%04d-%02d', 1900 + per / 12, per % 12 + 1), 'M', printf('%04d-%02d-01', 1900 + per / 12, per % 12 + 1),
    printf('%04d-%02d-28', 1900 + per / 12, per % 12 + 1), v, 'total', NULL, NULL, 1 FROM s WHERE true ON CONFLICT DO NOTHING`;
for (let round = 0; round < 2; round++)
  for (const pageSize of [4096, 8192, 16384, 32768]) {
    for (const x of ["", "-wal", "-shm"]) rmSync(file + x, { force: true });
    const db = new Database(file);
    db.pragma(`page_size = ${pageSize}`); // before WAL mode, on the empty file
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(ddl);
    db.exec(stage);
    const t = performance.now();
    db.exec("BEGIN");
    db.exec(insert);
    const t1 = performance.now();
    db.exec("COMMIT");
    const t2 = performance.now();
    db.close();
    console.log(`round ${round + 1} page ${pageSize / 1024} KiB: insert ${(t1 - t).toFixed(0)} ms, commit ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t).toFixed(0)} ms, file ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  }
for (const x of ["", "-wal", "-shm"]) rmSync(file + x, { force: true });
