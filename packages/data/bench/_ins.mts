import Database from "better-sqlite3";
import { readFileSync, rmSync } from "node:fs";
const lines = readFileSync("/tmp/b/1m.csv", "utf8").split("\n").slice(1, -1).map((l) => l.split(","));
const cols = `indicator TEXT NOT NULL, origin TEXT NOT NULL, destination TEXT NOT NULL, period TEXT NOT NULL, frequency TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, value REAL NOT NULL, breakdown TEXT NOT NULL, flag TEXT, source TEXT, import_id INTEGER NOT NULL`;
const variants: Record<string, string> = {
  none: `CREATE TABLE o (id INTEGER PRIMARY KEY, ${cols});`,
  current: `CREATE TABLE o (id INTEGER PRIMARY KEY, ${cols}); CREATE UNIQUE INDEX k ON o(indicator, origin, destination, period, breakdown); CREATE INDEX c ON o(origin, destination, indicator); CREATE INDEX i ON o(import_id);`,
  v1: `CREATE TABLE o (id INTEGER PRIMARY KEY, ${cols}); CREATE UNIQUE INDEX k ON o(origin, destination, indicator, period, breakdown); CREATE INDEX i ON o(import_id);`,
  v1noimp: `CREATE TABLE o (id INTEGER PRIMARY KEY, ${cols}); CREATE UNIQUE INDEX k ON o(origin, destination, indicator, period, breakdown);`,
};
const B = Number(process.argv[2] ?? 100);
for (const [name, ddl] of Object.entries(variants)) {
  rmSync("/tmp/b/x.db", { force: true }); rmSync("/tmp/b/x.db-wal", { force: true });
  const db = new Database("/tmp/b/x.db"); db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL");
  db.exec(ddl);
  const t = performance.now();
  db.exec("BEGIN");
  const sqlFor = (n: number) => `INSERT INTO o (indicator, origin, destination, period, frequency, period_start, period_end, value, breakdown, flag, source, import_id)
       VALUES ${Array(n).fill("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(",")} ON CONFLICT DO NOTHING`;
  const ins = db.prepare(sqlFor(B));
  const params: unknown[] = new Array(B * 12);
  let k = 0;
  for (const f of lines) {
    params[k++] = f[0]; params[k++] = f[1]; params[k++] = f[2]; params[k++] = f[3]; params[k++] = "M"; params[k++] = f[3] + "-01"; params[k++] = f[3] + "-28"; params[k++] = Number(f[4]); params[k++] = "total"; params[k++] = f[5] || null; params[k++] = null; params[k++] = 1;
    if (k === params.length) { ins.run(params); k = 0; }
  }
  if (k) db.prepare(sqlFor(k / 12)).run(params.slice(0, k));
  db.exec("COMMIT");
  console.log(B, name, (performance.now() - t).toFixed(0), (db.prepare("select count(*) n from o").get() as any).n);
  db.close();
}
