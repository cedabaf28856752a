/**
 * Makes test/fixtures/release-<last migration>.db: a database as this release leaves it — the demo
 * seed, a user, an API token, a snapshot, an edited event (two versions) and an undone import — so
 * that migrations.test.ts can open it with every LATER migration and check nothing was lost.
 * Run once per release whose schema changes, and commit the file:
 *   npx tsx test/make-release-fixture.ts
 * Synthetic account and import content (labelled as such); the observations are the demo seed.
 */
import Database from "better-sqlite3";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { openDb, migrationsFolder } from "../src/db.ts";
import { seed } from "../src/seed.ts";
import { addUser, createToken } from "../src/accounts.ts";
import { publishSnapshot } from "../src/publish.ts";
import { importFile } from "../src/import/index.ts";
import { undoImport } from "../src/history.ts";
import { createEvent, updateEvent } from "../src/index.ts";

const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
const last = journal.entries.at(-1)!.tag.slice(0, 4);
const out = join(import.meta.dirname, "fixtures", `release-${last}.db`);
rmSync(out, { force: true });

const db = openDb(out);
await seed(db);
await addUser(db, { email: "fixture.analyst@example.org", password: "fixture-password-1", role: "analyst", name: "Fixture analyst (synthetic)" }, "fixture");
await createToken(db, { name: "fixture token (synthetic)", role: "viewer" }, "fixture");
await publishSnapshot(db, { kind: "series", query: { indicator: "remittances_usd", origin: "TJK" }, payload: { note: "fixture snapshot (synthetic)" } });
const synthetic = { title: "Fixture event (synthetic)", kind: "talks", starts_on: "2021-05-01", countries: "TJK; RUS", summary: "A synthetic event, edited once.", verification: "unverified" };
const created = await createEvent(db, synthetic, { by: "fixture" });
await updateEvent(db, created.id, { ...synthetic, summary: "A synthetic event, edited twice." }, { by: "fixture" });
// Two imports of the same key, the second revising a value and then undone: revisions and an undo.
const first = join(tmpdir(), "fixture-import-1.csv");
const second = join(tmpdir(), "fixture-import-2.csv");
writeFileSync(first, "indicator,origin,destination,period,value\nentries,TJK,RUS,1999,1\nentries,TJK,RUS,2000,2\n");
writeFileSync(second, "indicator,origin,destination,period,value\nentries,TJK,RUS,2000,3\n");
const options = { source: "SYNTHETIC fixture import", importedBy: "fixture" };
await importFile(db, first, options);
const revising = await importFile(db, second, options);
await undoImport(db, revising.importId!);
db.close();

// One self-contained, compact file.
const sqlite = new Database(out);
sqlite.pragma("journal_mode = DELETE");
sqlite.exec("VACUUM");
sqlite.close();
console.log(`wrote ${out}`);
