/**
 * openDatabase(), the portable runner and its transactions, on the engine under test
 * (CORRIDOR_TEST_ENGINE: SQLite by default, PGlite with `npm run test:pg`, a PostgreSQL server in CI).
 */
import { sql } from "drizzle-orm";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DatabaseError, databaseTarget, openDatabase, type CorridorDb } from "./db.ts";
import { explainPostgresError, redactUrl } from "./db-pg.ts";
import { CorridorError } from "./errors.ts";
import { memoryDb, onEngine, sleep, testEngine, tmpPath } from "./test/helpers.ts";
import { NOT_YET_ON_POSTGRES, ON_POSTGRES } from "./test/engines.ts";

const engine = testEngine();
const insertEvent = (id: string) =>
  sql`INSERT INTO events (id, title, kind, starts_on, updated_at, updated_by) VALUES (${id}, ${"A title"}, ${"talks"}, ${"2021-04-19"}, ${"2026-01-01T00:00:00.000Z"}, ${"test"})`;
const eventIds = async (db: CorridorDb) => (await db.all<{ id: string }>(sql`SELECT id FROM events ORDER BY id`)).map((r) => r.id);

describe(`the portable runner on ${engine}`, () => {
  it("opens the engine asked for, migrated, with the registry, the catalog and the data version row", async () => {
    const db = await onEngine(memoryDb());
    expect(db.engine).toBe(engine === "sqlite" ? "sqlite" : "postgres");
    const counts = await db.get<{ countries: number; indicators: number; version: number }>(
      sql`SELECT (SELECT count(*) FROM countries) AS "countries", (SELECT count(*) FROM indicators) AS "indicators", (SELECT version FROM data_state WHERE id = 1) AS "version"`,
    );
    // Numbers, not bigint text, on PostgreSQL too.
    expect(counts).toEqual({ countries: expect.any(Number), indicators: expect.any(Number), version: 0 });
    expect(counts!.countries).toBeGreaterThan(200);
  });

  it("commits a transaction whole, or on any error writes none of it; the data version triggers fire", async () => {
    const db = await onEngine(memoryDb());
    await expect(
      db.transaction(async (tx) => {
        await tx.run(insertEvent("first"));
        await tx.run(insertEvent("second"));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await eventIds(db)).toEqual([]);
    // A failing statement inside rolls back the statements before it.
    await expect(
      db.transaction(async (tx) => {
        await tx.run(insertEvent("first"));
        await tx.run(insertEvent("first"));
      }),
    ).rejects.toThrow();
    expect(await eventIds(db)).toEqual([]);
    const result = await db.transaction(async (tx) => {
      await tx.run(insertEvent("first"));
      return (await tx.run(insertEvent("second"))).changes;
    });
    expect(result).toBe(1);
    expect(await eventIds(db)).toEqual(["first", "second"]);
    expect((await db.get<{ version: number }>(sql`SELECT version FROM data_state WHERE id = 1`))!.version).toBe(2);
  });

  it("orders text bytewise, and NULLs the same way through dialect.ts, on every engine", async () => {
    const db = await onEngine(memoryDb());
    for (const id of ["b", "B", "a-1", "a_1", "a1", "é", "z"]) await db.run(insertEvent(id));
    // SQLite's BINARY collation: uppercase before lowercase, '-' < '1' < '_', é after z.
    expect(await eventIds(db)).toEqual(["B", "a-1", "a1", "a_1", "b", "z", "é"]);
    expect((await db.get<{ first: string; last: string }>(sql`SELECT min(id) AS "first", max(id) AS "last" FROM events`))!).toEqual({ first: "B", last: "é" });
  });

  it.skipIf(engine === "pglite")("keeps a transaction's rows from other readers until it commits, across awaits", async () => {
    // PGlite has one connection and queues every other query until the transaction ends, so there a
    // read awaited inside would wait for itself; a pool and SQLite's second connection do not.
    const db = engine === "sqlite" ? await openDatabase(tmpPath("isolation.db")) : await onEngine(memoryDb());
    try {
      let seenInside: string[] = ["not read"];
      await db.transaction(async (tx) => {
        await tx.run(insertEvent("uncommitted"));
        await sleep(20); // other requests run here
        seenInside = await eventIds(db);
        expect(await tx.all(sql`SELECT id FROM events`)).toEqual([{ id: "uncommitted" }]);
      });
      expect(seenInside).toEqual([]);
      expect(await eventIds(db)).toEqual(["uncommitted"]);
    } finally {
      if (engine === "sqlite") await db.close();
    }
  });

  it.skipIf(engine === "pglite")("a snapshot transaction (a dry run's) takes no write gate: a write goes through meanwhile, and it keeps reading what it first read", async () => {
    const db = engine === "sqlite" ? await openDatabase(tmpPath("snapshot.db")) : await onEngine(memoryDb());
    try {
      const seen = await db.transaction(
        async (tx) => {
          const before = (await tx.all<{ id: string }>(sql`SELECT id FROM events`)).map((r) => r.id);
          expect(db.writes.busyWith).toBeNull();
          // A write committed on another connection while the snapshot is open.
          await db.transaction((w) => w.run(insertEvent("meanwhile")), "an event", {});
          const after = (await tx.all<{ id: string }>(sql`SELECT id FROM events`)).map((r) => r.id);
          return { before, after };
        },
        "a preview",
        { snapshot: true },
      );
      expect(seen).toEqual({ before: [], after: [] });
      expect(await eventIds(db)).toEqual(["meanwhile"]);
    } finally {
      if (engine === "sqlite") await db.close();
    }
  });

  it.skipIf(engine === "sqlite")("says plainly that the SQLite-only paths do not run on PostgreSQL yet", async () => {
    const db = await onEngine(memoryDb());
    const error = (() => {
      try {
        return db.sqlite;
      } catch (e) {
        return e;
      }
    })();
    expect(CorridorError.is(error) && error.message).toMatch(/not available on PostgreSQL yet \(the (PGlite|PostgreSQL) database .*\): .* runs on SQLite only so far/);
  });

  it.skipIf(engine === "sqlite")("turns a unique violation into a DatabaseError that names the database and says nothing was written", async () => {
    const db = await onEngine(memoryDb());
    await db.run(insertEvent("twice"));
    const error = await db.run(insertEvent("twice")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe("exists");
    expect((error as Error).message).toMatch(/already holds that row .*nothing was written/);
    expect((error as Error).message).toMatch(/(PGlite|PostgreSQL) database/);
  });
});

describe("opening PostgreSQL", () => {
  it("says which server refused the connection, without the password", async () => {
    const error = await openDatabase("postgres://corridor:s3cret-pw@127.0.0.1:1/corridor").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    const message = (error as Error).message;
    expect(message).toMatch(/cannot connect to the PostgreSQL database postgres:\/\/corridor@127\.0\.0\.1:1\/corridor: nothing answers at 127\.0\.0\.1:1 .*Nothing was written/);
    expect(message).not.toContain("s3cret");
  });

  it("explains PostgreSQL's codes: auth, missing database, serialization, full disk; others pass through", () => {
    const url = "postgresql://app:pw@db.example:6432/corridor";
    const explain = (code: string) => explainPostgresError(Object.assign(new Error(`server said ${code}`), { code }), url) as Error;
    expect(explain("28P01").message).toMatch(/postgresql:\/\/app@db\.example:6432\/corridor refused the user name or password/);
    expect(explain("3D000").message).toMatch(/does not exist on db\.example:6432/);
    expect((explain("40001") as CorridorError).code).toBe("busy");
    expect(explain("53100").message).toMatch(/disk .* is full; .*nothing was written/);
    for (const code of ["28P01", "3D000", "40001", "53100"]) expect(explain(code).message).not.toContain(":pw@");
    const other = new Error("syntax error");
    expect(explainPostgresError(other, url)).toBe(other);
    expect(redactUrl("postgres://u:p@h:1/d?sslmode=require")).toBe("postgres://u@h:1/d");
  });

  it("is picked by --db, else CORRIDOR_DATABASE_URL, else the SQLite file", () => {
    const saved = process.env.CORRIDOR_DATABASE_URL;
    try {
      process.env.CORRIDOR_DATABASE_URL = "postgres://x@h/d";
      expect(databaseTarget()).toBe("postgres://x@h/d");
      expect(databaseTarget("/tmp/a.db")).toBe("/tmp/a.db");
      delete process.env.CORRIDOR_DATABASE_URL;
      expect(databaseTarget()).toMatch(/corridor\.db$/);
      process.env.CORRIDOR_DATABASE_URL = "mysql://nope";
      expect(() => databaseTarget()).toThrow(/CORRIDOR_DATABASE_URL="mysql:\/\/nope": expected a postgres:\/\//);
    } finally {
      if (saved === undefined) delete process.env.CORRIDOR_DATABASE_URL;
      else process.env.CORRIDOR_DATABASE_URL = saved;
    }
  });
});

describe("the engine lists (test/engines.ts)", () => {
  it("place every test file that opens a database: on PostgreSQL, or not yet with a reason", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const opening = walk(join(root, "src"))
      .filter((f) => f.endsWith(".test.ts") && /memoryDb|openDb|openDatabase|onEngine|engineDb|withTwoConnections|startCli/.test(readFileSync(f, "utf8")))
      .map((f) => relative(root, f));
    for (const file of opening) expect([ON_POSTGRES.includes(file), file in NOT_YET_ON_POSTGRES], file).toContain(true);
    for (const file of [...ON_POSTGRES, ...Object.keys(NOT_YET_ON_POSTGRES)]) expect(opening.concat("src/schema-drift.test.ts"), file).toContain(file);
    expect(ON_POSTGRES.filter((f) => f in NOT_YET_ON_POSTGRES)).toEqual([]);
  });
});
