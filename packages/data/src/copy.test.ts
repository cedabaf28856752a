/**
 * `corridor copy`: a release's database (users, sessions, tokens, audit rows, snapshots, an edited
 * event, an undone import — test/fixtures) copied into the engine under test and back into SQLite
 * keeps every row of every table (counts and checksums at each step, and the rows themselves); a
 * target holding data is refused and left as it was.
 */
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type CorridorDb } from "./db.ts";
import { copyDatabase, copyPlan, tableChecksums } from "./copy.ts";
import { env } from "./env.ts";
import { importFile } from "./import/index.ts";
import { onTestServer, testEngine, tmpFile, tmpPath } from "./test/helpers.ts";
import { keepImportFile } from "./import-files.ts";
import { recordRateLimitHit } from "./rate-limits.ts";

const fixtures = join(import.meta.dirname, "..", "test", "fixtures");
const release = readdirSync(fixtures)
  .filter((f) => /^release-\d{4}\.db$/.test(f))
  .sort()
  .at(-1)!;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A new, empty database of the engine under test (SQLite: a new file). */
async function emptyTarget(): Promise<CorridorDb> {
  const engine = testEngine();
  if (engine === "sqlite") return openDatabase(tmpPath("copy-target.db"));
  if (engine === "pglite") return openDatabase("pglite:memory");
  const server = new URL(env().CORRIDOR_TEST_DATABASE_URL!);
  const name = `corridor_copy_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onTestServer(`CREATE DATABASE ${name}`);
  cleanups.push(() => onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return openDatabase(url.toString());
}

async function releaseDb(): Promise<CorridorDb> {
  const path = tmpPath(release);
  copyFileSync(join(fixtures, release), path);
  return openDatabase(path);
}

describe(`corridor copy (${testEngine()})`, () => {
  it(`moves ${release} into an empty database and back with every row of every table`, async () => {
    const source = await releaseDb();
    // Rows of the tables newer than the fixture: bytes that are not UTF-8, a time past 32 bits.
    const { importId } = await importFile(source, tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2040,1\n"));
    await keepImportFile(source, importId!, Buffer.from([0x00, 0xcf, 0xf0, 0xe8, 0xff, 0x0a]));
    await recordRateLimitHit(source, { bucket: "signin.client", max: 5, windowMs: 60_000 }, "fixture@example.org|local", 1_800_000_000_123);
    const middle = await emptyTarget();
    const back = await openDatabase(tmpPath("copy-back.db"));
    try {
      const expected = await tableChecksums(source);
      // Every table is covered, and the fixture has rows where conversions happen (better-auth's timestamps and booleans).
      expect(Object.keys(expected).sort()).toEqual(
        copyPlan()
          .map((p) => p.name)
          .sort(),
      );
      for (const table of ["observations", "imports", "revisions", "events", "event_versions", "user", "account", "api_tokens", "snapshots", "audit_log", "import_files", "rate_limit_hits"])
        expect(expected[table]!.rows, table).toBeGreaterThan(0);

      const there = await copyDatabase(source, middle);
      expect(there.tables).toEqual(expected);
      const home = await copyDatabase(middle, back);
      expect(home.tables).toEqual(expected);
      // The rows themselves, not only their checksums; each database keeps its own id.
      for (const table of ["user", "account", "observations", "event_versions", "import_files", "rate_limit_hits", "data_state"]) {
        const rows = (db: CorridorDb) => db.all(sql`SELECT * FROM ${sql.identifier(table)} ORDER BY 1`);
        const [a, b] = [await rows(source), await rows(back)];
        if (table === "data_state") {
          expect(b[0]!.version).toBe(a[0]!.version);
          expect(b[0]!.database_id).not.toBe(a[0]!.database_id);
        } else expect(b, table).toEqual(a);
      }
      // The copy goes on numbering where the source stopped.
      const next = await importFile(back, tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2031,1\n"));
      const maxBefore = await source.get<{ m: number }>(sql`SELECT max(id) AS m FROM imports`);
      expect(next.importId).toBe(maxBefore!.m + 1);
    } finally {
      await Promise.all([source.close(), middle.close(), back.close()]);
    }
  }, 240_000);

  it("refuses a target that holds data and leaves it as it was", async () => {
    const source = await releaseDb();
    const target = await emptyTarget();
    try {
      await copyDatabase(source, target);
      const before = await tableChecksums(target);
      await expect(copyDatabase(source, target)).rejects.toThrow(/is not empty \(\d[\d,]* observations, \d+ imports, \d+ events.*nothing was written/);
      expect(await tableChecksums(target)).toEqual(before);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  }, 240_000);
});
