/**
 * Writes and reads across an import's transaction between two instances of the site (two
 * connections to one SQLite file; two pools on one PostgreSQL database), on the engine under test:
 * what another instance may do while an import writes, what readers see during the first import
 * into an empty database, that a dry run writes nothing and makes nobody wait, and what becomes of
 * a rolled-back import's id. write-isolation.test.ts covers one SQLite process (the write gate,
 * imports on their own connection). PGlite runs in this process with one connection, queueing every
 * other query behind an open transaction: there only the ids are checked.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { CorridorDb } from "./db.ts";
import { createEvent, getEvent } from "./index.ts";
import { importFile, importOnOwnConnection } from "./import/index.ts";
import { series } from "./queries/series.ts";
import { corridors } from "./queries/corridors.ts";
import { dataVersion } from "./publish.ts";
import type { SqlRunner } from "./runner.ts";
import { engineDb, sleep, syntheticTidyCsv, testEngine, tmpFile, withTwoConnections } from "./test/helpers.ts";

const engine = testEngine();
const ROWS = 100_000;

/** Stores one value (entries TJK→RUS 2021 = 1); returns its import's id. */
async function seedOne(db: CorridorDb): Promise<number> {
  const summary = await importFile(db, tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2021,1\n"));
  expect(summary.committed).toBe(true);
  return summary.importId!;
}

/** A SYNTHETIC file of ROWS new daily values whose first row changes the stored TJK→RUS 2021 value to 5. */
function bigFile(): string {
  const path = syntheticTidyCsv(ROWS);
  const lines = readFileSync(path, "utf8").split("\n");
  lines.splice(1, 0, "entries,TJK,RUS,2021,5");
  writeFileSync(path, lines.join("\n"));
  return path;
}

const storedValue = async (db: SqlRunner) => (await series(db, { indicator: "entries", origin: "TJK", destination: "RUS", frequency: "A", from: "2021", to: "2021" })).points[0]?.value;

/** The stored TJK→RUS 2021 value and the data version, in one statement (one snapshot). */
const valueAndVersion = async (db: SqlRunner) =>
  (await db.get<{ value: number | null; version: number }>(
    sql`SELECT o.value, d.version FROM data_state AS d
        LEFT JOIN observations AS o ON o.indicator = 'entries' AND o.origin = 'TJK' AND o.destination = 'RUS' AND o.period = '2021' AND o.breakdown = 'total'
        WHERE d.id = 1`,
  ))!;

const event = (n: number) => ({ id: `ev-${n}`, title: `Event ${n}`, kind: "other", starts_on: "2021-04-19", countries: "RUS; TJK" });

interface State {
  observations: number;
  imports: number;
  revisions: number;
  events: number;
  files: number;
  ranges: number;
  /** The corridor summary's count of observations: equal to `observations` in any committed state. */
  summarised: number;
  version: number;
}

/** What a write can change, read in one statement (one snapshot). */
async function state(db: SqlRunner): Promise<State> {
  return (await db.get<State>(
    sql`SELECT (SELECT count(*) FROM observations) AS observations, (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM revisions) AS revisions,
               (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM import_files) AS files, (SELECT count(*) FROM corridor_ranges) AS ranges,
               (SELECT coalesce(sum(observations), 0) FROM corridor_ranges) AS summarised, (SELECT version FROM data_state WHERE id = 1) AS version`,
  ))!;
}

/**
 * Runs `action` once `ready()` holds, from a timer started here — outside the import's async context,
 * as another request would be (a write started inside it would count as the import's own).
 */
function another<T>(ready: () => boolean, action: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (!ready()) return;
      clearInterval(timer);
      action().then(resolve, reject);
    }, 1);
  });
}

/** Reads with `read` one after another until `stop()` holds; every answer, and every error. */
async function keepReading<T>(stop: () => boolean, read: () => Promise<T>): Promise<{ answers: T[]; errors: unknown[] }> {
  const answers: T[] = [];
  const errors: unknown[] = [];
  while (!stop()) {
    try {
      answers.push(await read());
    } catch (error) {
      errors.push(error);
    }
    await sleep(2);
  }
  return { answers, errors };
}

describe.skipIf(engine === "pglite")(`two instances beside an import (${engine})${engine === "pglite" ? " — skipped: PGlite has no second connection" : ""}`, () => {
  it("while an import's transaction is open, readers on either instance see only committed states: the old value with the old data version, or the new with the new", async () => {
    await withTwoConnections(async (one, two) => {
      await seedOne(one);
      const old = await valueAndVersion(two);
      let calls = 0;
      let importing = true;
      const reading = another(
        () => calls === 2,
        () =>
          keepReading(
            () => !importing,
            async () => [await valueAndVersion(two), await valueAndVersion(one)],
          ),
      );
      const summary = await importOnOwnConnection(one, bigFile(), { onProgress: () => void calls++ });
      importing = false;
      const { answers, errors } = await reading;
      expect(summary.committed).toBe(true);
      const committed = await valueAndVersion(two);
      expect(committed).toEqual({ value: 5, version: old.version + 1 });
      expect(errors).toEqual([]);
      for (const answer of answers.flat()) expect([old, committed]).toContainEqual(answer);
      // Most reads ran while the import was still reading its file.
      expect(answers.filter((pair) => pair[0]!.value === 1).length).toBeGreaterThan(2);
    });
  });

  // SQLite has one writer per file: there another process's write waits for the import's COMMIT
  // (busy_timeout), and one process's writers take turns at its gate (write-isolation.test.ts).
  it.runIf(engine === "postgres")("while an import's COPY is under way, an event saved through another instance commits at once, before the import does", async () => {
    await withTwoConnections(async (one, two) => {
      await seedOne(one);
      const versionBefore = (await dataVersion(two)).version;
      let calls = 0;
      const order: string[] = [];
      let versionAfterEdit = -1;
      const edit = another(
        () => calls === 2,
        async () => {
          await createEvent(two, event(1), { by: "ana@example.org" });
          order.push("event saved on the other instance");
          versionAfterEdit = (await dataVersion(two)).version;
        },
      );
      const summary = await importOnOwnConnection(one, bigFile(), { onProgress: () => void calls++ });
      order.push("import committed");
      await edit;
      expect(summary.committed).toBe(true);
      expect(order).toEqual(["event saved on the other instance", "import committed"]);
      // The event's commit moved the data version; the import's, still open then, had not.
      expect(versionAfterEdit).toBe(versionBefore + 1);
      expect((await dataVersion(one)).version).toBe(versionBefore + 2);
      expect(await getEvent(one, "ev-1")).toMatchObject({ title: "Event 1" });
      expect(await storedValue(two)).toBe(5);
    });
  });

  it("readers during the first import into an empty database get an answer, never an error, and never part of the rows; what every page reads besides observations answers throughout", async () => {
    await withTwoConnections(async (one, two) => {
      const empty = await state(two);
      expect(empty).toMatchObject({ observations: 0, imports: 0 });
      let calls = 0;
      let importing = true;
      const started = () => calls === 2;
      const reading = another(started, () =>
        keepReading(
          () => !importing,
          () => state(two),
        ),
      );
      // The registry, the catalog, the corridor list, the data version and the import list: a page's
      // reads other than observations. Dropping observations' foreign keys for the load locked their
      // tables until the commit, and every page waited for the whole first import.
      const pageReading = another(started, () =>
        keepReading(
          () => !importing,
          async () => {
            await corridors(two);
            await dataVersion(two);
            return (await two.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM countries) + (SELECT count(*) FROM indicators) + (SELECT count(*) FROM imports) AS n`))!.n;
          },
        ),
      );
      const order: string[] = [];
      // An event saved on the other instance meanwhile (PostgreSQL: SQLite's one writer makes it wait).
      const edit =
        engine === "postgres"
          ? another(started, async () => {
              await createEvent(two, event(1), { by: "ana@example.org" });
              order.push("event saved on the other instance");
            })
          : Promise.resolve();
      // The bulk path: into an empty table (SQLite's writer; PostgreSQL's startBulkLoad, which drops the indexes before its COPY).
      const summary = await importOnOwnConnection(one, syntheticTidyCsv(ROWS), { onProgress: () => void calls++ });
      order.push("import committed");
      importing = false;
      const { answers, errors } = await reading;
      const pages = await pageReading;
      await edit;
      expect(summary).toMatchObject({ committed: true, inserted: ROWS });
      const full = await state(two);
      expect(full).toMatchObject({ observations: ROWS, imports: 1, summarised: ROWS, events: engine === "postgres" ? 1 : 0 });
      expect(errors).toEqual([]);
      // SQLite's readers read the empty table while the import runs; PostgreSQL's wait for the whole
      // first import (DROP INDEX holds observations ACCESS EXCLUSIVE from before its COPY to the
      // COMMIT) and get the full table.
      if (one.engine === "sqlite") expect(answers.length).toBeGreaterThan(2);
      else expect(answers.length).toBeGreaterThanOrEqual(1);
      // The event saved meanwhile moves the events and the version, not what the import writes.
      const written = ({ events: _events, version: _version, ...rest }: State) => rest;
      for (const answer of answers) expect([written(empty), written(full)]).toContainEqual(written(answer));
      expect(pages.errors).toEqual([]);
      expect(pages.answers.length).toBeGreaterThan(2);
      if (engine === "postgres") expect(order).toEqual(["event saved on the other instance", "import committed"]);
    });
  });

  it("a dry run writes nothing, draws no import id, and makes no writer wait: an event saved meanwhile on the same instance lands first", async () => {
    await withTwoConnections(async (one, two) => {
      const seedId = await seedOne(one);
      const before = await state(two);
      let calls = 0;
      let busyWith: string | null = "not seen";
      const order: string[] = [];
      const write = another(
        () => calls === 2,
        async () => {
          busyWith = one.writes.busyWith;
          await createEvent(one, event(2), { by: "ana@example.org" });
          order.push("event saved");
        },
      );
      const preview = await importOnOwnConnection(one, bigFile(), { dryRun: true, diff: true, onProgress: () => void calls++ });
      order.push("dry run done");
      await write;
      expect(busyWith).toBeNull();
      expect(order).toEqual(["event saved", "dry run done"]);
      expect(preview).toMatchObject({ dryRun: true, committed: false, importId: null, inserted: ROWS, updated: 1, errorCount: 0 });
      expect(await state(two)).toEqual({ ...before, events: before.events + 1, version: before.version + 1 });
      expect(await storedValue(two)).toBe(1);
      const real = await importFile(one, tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2022,2\n"));
      expect(real.importId).toBe(seedId + 1);
    });
  });
});

describe(`a rolled-back import's id (${engine})`, () => {
  it("is never handed out nor named by any row; PostgreSQL never gives it again, SQLite gives it to the next import", async () => {
    const db = await engineDb();
    const first = await seedOne(db);
    const before = await state(db);
    // A bad cell on the last line: the whole import rolls back, after its imports row was written.
    const rolledBack = await importFile(db, tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2021,7\nentries,UZB,RUS,2021,3\nentries,UZB,RUS,2022,five\n"));
    expect(rolledBack).toMatchObject({ committed: false, importId: null, errorCount: 1 });
    expect(await state(db)).toEqual(before);
    const next = await importFile(db, tmpFile("indicator,origin,destination,period,value\nentries,KGZ,RUS,2021,4\n"));
    expect(next.committed).toBe(true);
    // PostgreSQL's identity sequences are not transactional: the rolled-back import drew an id for
    // good. SQLite's AUTOINCREMENT counter rolls back with the transaction, so that id is given
    // again — harmless, as nothing outside the rolled-back transaction ever saw it: its summary
    // names no id, and the web keeps an upload's original and audits it only after a commit.
    expect(next.importId).toBe(engine === "sqlite" ? first + 1 : first + 2);
    const orphans = await db.get<{ n: number }>(
      sql`SELECT (SELECT count(*) FROM observations WHERE import_id NOT IN (SELECT id FROM imports))
               + (SELECT count(*) FROM revisions WHERE new_import_id NOT IN (SELECT id FROM imports) OR old_import_id NOT IN (SELECT id FROM imports))
               + (SELECT count(*) FROM import_files WHERE import_id NOT IN (SELECT id FROM imports)) AS n`,
    );
    expect(orphans!.n).toBe(0);
    expect(await state(db)).toMatchObject({ observations: before.observations + 1, imports: before.imports + 1, version: before.version + 1 });
  });
});
