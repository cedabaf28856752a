/** The CLI's backup, restore and copy commands (backup.ts and copy.ts do the work). */
import { backupDatabase, restoreDatabase, type CopyReport } from "../backup.ts";
import { copyDatabase } from "../copy.ts";
import { backupPostgres, restorePostgres, type PgBackupReport } from "../backup-pg.ts";
import { databaseTarget, defaultDbPath, isPostgresTarget } from "../db.ts";
import { withDb, type Cli } from "./context.ts";
import { json, print } from "./output.ts";

function describe(verb: string, r: CopyReport | PgBackupReport): string {
  const rows = ["observations", "imports", "revisions", "events", "user", "snapshots", "audit_log"]
    .filter((t) => t in r.tables)
    .map((t) => `${r.tables[t]!.toLocaleString("en")} ${t}`)
    .join(", ");
  const migrations = "migrations" in r ? `, ${r.migrations} migrations` : "";
  return `${verb} ${r.path} (${(r.bytes / 1024 / 1024).toFixed(1)} MB${migrations}): ${rows}`;
}

export function registerBackup({ command }: Cli): void {
  command("backup")
    .description("copy the database into a new file, consistent even while the server runs and imports write")
    .argument("<file>", "the backup file to create (never overwritten)")
    .option("--json", "print JSON")
    .action(async (file: string, o) => {
      const target = databaseTarget(o.db);
      const report = isPostgresTarget(target) ? await backupPostgres(target, file) : await withDb(o.db, (db) => backupDatabase(db, file));
      if (o.json) json(report);
      else print(describe("backed up to", report));
    });
  command("restore")
    .description("restore a backup into an empty database (--db), migrating an older release's backup")
    .argument("<file>", "a file made by `corridor backup`")
    .option("--json", "print JSON")
    .action(async (file: string, o) => {
      const target = databaseTarget(o.db);
      const report = isPostgresTarget(target) ? await restorePostgres(file, target) : await restoreDatabase(file, o.db ?? defaultDbPath());
      if (o.json) json(report);
      else print(describe("restored into", report));
    });
  command("copy")
    .description("copy every table of one database into a new, empty one — SQLite or PostgreSQL, either way — and verify counts and checksums")
    .requiredOption("--from <source>", "the database to copy: a SQLite file or a postgres:// URL")
    .requiredOption("--to <target>", "an empty database: a SQLite file (created) or a postgres:// URL (migrated first)")
    .option("--json", "print JSON")
    .action(async (o) => {
      const report = await withDb(o.from, (source) => withDb(o.to, (target) => copyDatabase(source, target, (name, rows) => process.stderr.write(`${name}: ${rows.toLocaleString("en")} rows\n`))));
      if (o.json) json(report);
      else print(`copied ${report.rows.toLocaleString("en")} rows in ${Object.keys(report.tables).length} tables from ${report.from} to ${report.to}; counts and checksums verified`);
    });
}
