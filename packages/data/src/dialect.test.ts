/**
 * insertRows/updateRows (dialect.ts) store on SQLite exactly what drizzle's SQLite query builder
 * stored before the writes were ported: the same raw values for JSON, 0/1 flags, better-auth's
 * millisecond timestamps and NULLs. (On PostgreSQL the ported writes are tested through their own
 * tests on the engine under test.)
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertRows, updateRows } from "./dialect.ts";
import { auditLog, events, eventVersions, user } from "./schema.ts";
import { memoryDb } from "./test/helpers.ts";

const EVENT = {
  id: "talks-2021", title: "Talks", kind: "talks" as const, startsOn: "2021-04-19", endsOn: null, datePrecision: "day" as const, uncertainDates: ["end" as const],
  tags: ["talks", "tjk"], key: true, label: null, summary: "Met.", body: "# Talks", version: 1, updatedAt: "2026-12-02T00:00:00.000Z", updatedBy: "ana",
};
const USER = { id: "u1", name: "Ana", email: "ana@example.org", emailVerified: true, role: "admin" as const, createdAt: new Date(1_800_000_000_123), updatedAt: new Date(1_800_000_000_456) };

const raw = (db: ReturnType<typeof memoryDb>, table: string) => db.sqlite.prepare(`SELECT * FROM "${table}"`).raw().all();

describe("insertRows / updateRows on SQLite", () => {
  it("insert what drizzle's builder inserts: JSON text, 0/1 flags, millisecond timestamps, NULLs and column defaults", async () => {
    const built = memoryDb();
    const ported = memoryDb();
    built.orm.insert(events).values(EVENT).run();
    built.orm.insert(user).values(USER).run();
    built.orm.insert(eventVersions).values({ eventId: EVENT.id, version: 1, snapshot: { title: "Old", countries: [{ code: "RUS" }] }, replacedAt: "x", replacedBy: "bob" }).run();
    built.orm.insert(auditLog).values({ at: "t", actor: "ana", action: "user.add", target: null, detail: null, ip: null }).run();
    await ported.run(insertRows("sqlite", events, [EVENT]));
    await ported.run(insertRows("sqlite", user, [USER]));
    await ported.run(insertRows("sqlite", eventVersions, [{ eventId: EVENT.id, version: 1, snapshot: { title: "Old", countries: [{ code: "RUS" }] }, replacedAt: "x", replacedBy: "bob" }]));
    await ported.run(insertRows("sqlite", auditLog, [{ at: "t", actor: "ana", action: "user.add", target: null, detail: null, ip: null }]));
    for (const table of ["events", "user", "event_versions", "audit_log"]) expect(raw(ported, table), table).toEqual(raw(built, table));
    expect(raw(ported, "user")[0]).toContain(1_800_000_000_123);

    built.orm.update(events).set({ key: false, tags: [], endsOn: "2021-04-20" }).where(eq(events.id, EVENT.id)).run();
    await ported.run(updateRows("sqlite", events, { key: false, tags: [], endsOn: "2021-04-20" }, sql`id = ${EVENT.id}`));
    expect(raw(ported, "events")).toEqual(raw(built, "events"));
  });

  it("refuses rows that set different columns, and an update that sets nothing", () => {
    expect(() => insertRows("sqlite", auditLog, [{ at: "t", actor: "a", action: "x" }, { at: "t", actor: "a", action: "x", ip: "1" }])).toThrow(/every row must set the same columns/);
    expect(() => updateRows("sqlite", auditLog, {}, sql`id = 1`)).toThrow(/nothing to set/);
  });
});
