/**
 * Backups while imports write, and restores into an empty target only. The imported files are
 * SYNTHETIC (test/helpers.ts); the base database is the demo seed.
 */
import Database from "better-sqlite3";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "./backup.ts";
import { openDb } from "./db.ts";
import { seed } from "./seed.ts";
import { dbChecksum, dbCounts, integrity, startCli, syntheticTidyCsv, tmpPath, untilWriting } from "./test/helpers.ts";

async function seededDb(name: string): Promise<string> {
  const path = tmpPath(name);
  const db = openDb(path);
  try {
    await seed(db);
  } finally {
    db.close();
  }
  return path;
}

describe("corridor backup", () => {
  it("copies every table and row into one private file that opens on its own", async () => {
    const source = await seededDb("source.db");
    const target = tmpPath("backup.db");
    const db = openDb(source);
    const report = await backupDatabase(db, target).finally(() => db.close());
    expect(dbChecksum(target)).toBe(dbChecksum(source));
    expect(report.tables["observations"]).toBeGreaterThan(100);
    expect(report.tables["events"]).toBeGreaterThan(10);
    // Self-contained (no -wal to carry along) and readable by its owner only: it holds password hashes.
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(integrity(target)).toBe("ok");
  });

  it("never overwrites a file and leaves nothing behind when it refuses", async () => {
    const source = await seededDb("source.db");
    const target = tmpPath("taken.db");
    writeFileSync(target, "someone's file");
    const db = openDb(source);
    await expect(backupDatabase(db, target).finally(() => db.close())).rejects.toThrow(/already exists; a backup never overwrites/);
    expect(readdirSync(dirname(target)).filter((f) => f.includes("taken.db"))).toEqual([target.split("/").at(-1)]);
  });

  it("taken during a running import is consistent: the import wholly or not at all", async () => {
    const source = await seededDb("busy.db");
    const before = dbCounts(source);
    const rows = 150_000;
    const importing = startCli(["import", syntheticTidyCsv(rows), "--db", source, "--json"]);
    await untilWriting(importing, source);
    const backup = tmpPath("during-import.db");
    const db = openDb(source);
    await backupDatabase(db, backup).finally(() => db.close());
    expect((await importing.done).status).toBe(0);

    const restored = tmpPath("restored.db");
    await restoreDatabase(backup, restored);
    expect(integrity(restored)).toBe("ok");
    const counts = dbCounts(restored);
    const after = dbCounts(source);
    expect(after.observations).toBe(before.observations! + rows);
    // Either the state before the import or after it, never a part of it.
    expect([before, after]).toContainEqual(counts);
    const check = new Database(restored, { readonly: true });
    const orphans = check.prepare("SELECT count(*) AS n FROM observations o LEFT JOIN imports i ON i.id = o.import_id WHERE i.id IS NULL").get() as { n: number };
    check.close();
    expect(orphans.n).toBe(0);
  });
});

describe("corridor restore", () => {
  it("restores into a new file exactly what was backed up", async () => {
    const source = await seededDb("source.db");
    const backup = tmpPath("b.db");
    const db = openDb(source);
    await backupDatabase(db, backup).finally(() => db.close());
    const target = tmpPath("new.db");
    const report = await restoreDatabase(backup, target);
    expect(dbChecksum(target)).toBe(dbChecksum(source));
    expect(report.tables["observations"]).toBe(dbCounts(source).observations);
  });

  it("restores into a fresh empty database, but refuses one that holds data and changes nothing", async () => {
    const source = await seededDb("source.db");
    const backup = tmpPath("b.db");
    const db = openDb(source);
    await backupDatabase(db, backup).finally(() => db.close());

    const empty = tmpPath("empty.db");
    openDb(empty).close();
    await restoreDatabase(backup, empty);
    expect(dbChecksum(empty)).toBe(dbChecksum(source));

    const other = await seededDb("other.db");
    const untouched = dbChecksum(other);
    await expect(restoreDatabase(backup, other)).rejects.toThrow(/already holds data; restore only into an empty or new database/);
    expect(dbChecksum(other)).toBe(untouched);
  });

  it("refuses a file that is not a Corridor backup, and a missing one", async () => {
    const notDb = tmpPath("notes.db");
    writeFileSync(notDb, "x".repeat(5000));
    await expect(restoreDatabase(notDb, tmpPath("t.db"))).rejects.toThrow(/not a database|integrity|not a Corridor database/);
    const plain = tmpPath("plain.db");
    new Database(plain).exec("CREATE TABLE t (x)");
    await expect(restoreDatabase(plain, tmpPath("t.db"))).rejects.toThrow(/not a Corridor database \(it has no migration journal\)/);
    await expect(restoreDatabase(tmpPath("missing.db"), tmpPath("t.db"))).rejects.toThrow(/no backup at/);
  });
});

describe("the backup and restore commands", () => {
  it("back up and restore through the CLI, and refuse a database with data (exit 2, the reason on stderr)", async () => {
    const source = await seededDb("cli-source.db");
    const backup = tmpPath("cli-backup.db");
    const made = await startCli(["backup", backup, "--db", source, "--json"]).done;
    expect(made.status).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ path: backup, tables: { observations: dbCounts(source).observations } });

    const target = tmpPath("cli-target.db");
    const restored = await startCli(["restore", backup, "--db", target]).done;
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/^restored into .*cli-target\.db \([\d.]+ MB, \d+ migrations\): [\d,]+ observations/);
    expect(dbChecksum(target)).toBe(dbChecksum(source));

    const refused = await startCli(["restore", backup, "--db", source]).done;
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^corridor: .*cli-source\.db already holds data/);
  });
});
