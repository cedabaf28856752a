/**
 * Backups on PostgreSQL (CI's PostgreSQL run; SQLite's backups are backup.test.ts): pg_dump of a
 * release's database copied into PostgreSQL, restored into a new database with every row of every
 * table; a target that already has tables is refused and left as it was; a file is never overwritten.
 */
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db.ts";
import { backupPostgres, restorePostgres } from "./backup-pg.ts";
import { copyDatabase, tableChecksums } from "./copy.ts";
import { env } from "./env.ts";
import { onTestServer, testEngine, tmpPath } from "./test/helpers.ts";

const fixtures = join(import.meta.dirname, "..", "test", "fixtures");
const release = readdirSync(fixtures)
  .filter((f) => /^release-\d{4}\.db$/.test(f))
  .sort()
  .at(-1)!;
const dropped: string[] = [];

async function newDatabase(): Promise<string> {
  const name = `corridor_backup_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onTestServer(`CREATE DATABASE ${name}`);
  dropped.push(name);
  const url = new URL(env().CORRIDOR_TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  for (const name of dropped) await onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe.runIf(testEngine() === "postgres")("backups on PostgreSQL (pg_dump, pg_restore)", () => {
  it("backs up and restores every row of every table; refuses a target with tables and an existing file", async () => {
    const fixture = tmpPath(release);
    copyFileSync(join(fixtures, release), fixture);
    const sqlite = await openDatabase(fixture);
    const url = await newDatabase();
    const original = await openDatabase(url);
    await copyDatabase(sqlite, original);
    const expected = await tableChecksums(original);
    await Promise.all([sqlite.close(), original.close()]);

    const file = tmpPath("corridor.dump");
    const backup = await backupPostgres(url, file);
    expect(backup.tables.observations).toBeGreaterThan(100);
    const taken = tmpPath("taken.dump");
    writeFileSync(taken, "keep me");
    await expect(backupPostgres(url, taken)).rejects.toThrow(/already exists/);

    const target = await newDatabase();
    const restored = await restorePostgres(file, target);
    expect(restored.tables).toEqual(backup.tables);
    const db = await openDatabase(target);
    try {
      expect(await tableChecksums(db)).toEqual(expected);
    } finally {
      await db.close();
    }
    await expect(restorePostgres(file, url)).rejects.toThrow(/already has tables/);
    expect(existsSync(file)).toBe(true);
  }, 240_000);
});
