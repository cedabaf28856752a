import { describe, expect, it } from "vitest";
import { engineDb } from "../test/helpers.ts";
import { dataVersion } from "../publish.ts";
import { createEvent, deleteEvent, EventConflictError, EventNotFoundError, EventValidationError, eventVersions, updateEvent } from "./edit.ts";
import { events, getEvent } from "./store.ts";

const DECREE = {
  id: "decree-274-2020", title: "Decree 274", kind: "decree", starts_on: "2020-04-18", ends_on: "2020-06-15",
  countries: "RUS:party; ALL:affected", document_ref: "Decree No. 274 of 18 April 2020", verification: "verified",
};
const TALKS = {
  title: "Russian-Tajik migration talks", kind: "talks", starts_on: "2021-04-19", ends_on: "2021-04-20",
  countries: "RUS; Tajikistan", relates: "cites:decree-274-2020", tags: "talks; TJK", body: "# Talks\n\nText.",
};

async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("createEvent", () => {
  it("validates like the readers, makes the id from title and year, links to a stored event and bumps the data version", async () => {
    const db = await engineDb();
    const before = (await dataVersion(db)).version;
    await createEvent(db, DECREE, { by: "ana@example.org" });
    const talks = await createEvent(db, TALKS, { by: "ana@example.org" });
    expect(talks).toMatchObject({
      id: "russian-tajik-migration-talks-2021", kind: "talks", startsOn: "2021-04-19", endsOn: "2021-04-20", version: 1,
      updatedBy: "ana@example.org", tags: ["talks", "tjk"], body: "# Talks\n\nText.", versions: [],
      countries: [{ code: "RUS", role: "party" }, { code: "TJK", role: "party" }],
      links: [{ relation: "cites", direction: "out", id: "decree-274-2020", title: "Decree 274" }],
    });
    expect((await getEvent(db, "decree-274-2020"))!.links).toMatchObject([{ relation: "cites", direction: "in", id: talks.id }]);
    expect((await dataVersion(db)).version).toBeGreaterThan(before);
  });

  it("reports every invalid field with its key, and writes nothing", async () => {
    const db = await engineDb();
    const error = await thrown(createEvent(db, { title: "X", kind: "summit", starts_on: "2021-02-30", countries: "Atlantis", colour: "red" }, { by: "a" }));
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).errors.map((e) => e.key).sort()).toEqual(["colour", "countries", "kind", "starts_on"]);
    expect((error as EventValidationError).errors.find((e) => e.key === "starts_on")).toMatchObject({ value: "2021-02-30", message: expect.stringMatching(/bad date/) });
    expect(await events(db)).toEqual([]);
    expect(await thrown(createEvent(db, null as never, { by: "a" }))).toBeInstanceOf(EventValidationError);
  });

  it("refuses links to unknown events and to itself", async () => {
    const db = await engineDb();
    const error = (await thrown(createEvent(db, TALKS, { by: "a" }))) as EventValidationError;
    expect(error.errors).toEqual([{ key: "relates", value: "decree-274-2020", message: 'unknown event id "decree-274-2020" in relates' }]);
    const self = (await thrown(createEvent(db, { ...DECREE, relates: "amends:decree-274-2020" }, { by: "a" }))) as EventValidationError;
    expect(self.errors[0]!.message).toBe("an event cannot relate to itself");
    expect(await events(db)).toEqual([]);
  });

  it("stores a link given twice once, and saving the same input again changes nothing", async () => {
    const db = await engineDb();
    await createEvent(db, DECREE, { by: "a" });
    const talks = await createEvent(db, { ...TALKS, relates: "cites:decree-274-2020; cites:decree-274-2020" }, { by: "a" });
    expect(talks.links).toHaveLength(1);
    expect((await updateEvent(db, talks.id, { ...TALKS, relates: "cites:decree-274-2020; cites:decree-274-2020" }, { by: "b" })).version).toBe(1);
  });

  it("refuses an id that exists", async () => {
    const db = await engineDb();
    await createEvent(db, DECREE, { by: "a" });
    const error = await thrown(createEvent(db, { ...DECREE, title: "Another" }, { by: "b" }));
    expect(error).toBeInstanceOf(EventConflictError);
    expect(error.message).toMatch(/"decree-274-2020" already exists/);
    expect((await getEvent(db, "decree-274-2020"))!.title).toBe("Decree 274");
  });
});

describe("updateEvent", () => {
  it("keeps the previous version with who replaced it, replaces links and countries, and leaves an unchanged event alone", async () => {
    const db = await engineDb();
    await createEvent(db, DECREE, { by: "a" });
    await createEvent(db, { ...DECREE, id: "decree-791-2020", title: "Decree 791", starts_on: "2020-12-15", ends_on: "", relates: "extends:decree-274-2020" }, { by: "a" });
    const updated = await updateEvent(db, "decree-791-2020", { ...DECREE, id: undefined, title: "Decree No. 791", starts_on: "2020-12-15", ends_on: "2021-06-30", countries: "RUS", relates: "" }, { by: "bob", baseVersion: 1 });
    expect(updated).toMatchObject({ id: "decree-791-2020", title: "Decree No. 791", version: 2, updatedBy: "bob", links: [], countries: [{ code: "RUS", role: "party" }] });
    expect(updated.versions).toMatchObject([{ version: 1, replacedBy: "bob" }]);
    const history = await eventVersions(db, "decree-791-2020");
    expect(history).toMatchObject([{ version: 1, replacedBy: "bob", deleted: false, snapshot: { title: "Decree 791", updatedBy: "a", links: [{ relation: "extends", to: "decree-274-2020" }] } }]);
    expect((await getEvent(db, "decree-274-2020"))!.links).toEqual([]);

    const version = (await dataVersion(db)).version;
    const same = await updateEvent(db, "decree-791-2020", { ...DECREE, id: "decree-791-2020", title: "Decree No. 791", starts_on: "2020-12-15", ends_on: "2021-06-30", countries: "RUS" }, { by: "carol" });
    expect(same.version).toBe(2);
    expect((await dataVersion(db)).version).toBe(version);
    expect(await eventVersions(db, "decree-791-2020")).toHaveLength(1);
  });

  it("refuses a stale baseVersion, a changed id, a missing event and invalid input without writing", async () => {
    const db = await engineDb();
    await createEvent(db, DECREE, { by: "a" });
    await updateEvent(db, DECREE.id, { ...DECREE, title: "Decree No. 274" }, { by: "bob", baseVersion: 1 });
    const stale = await thrown(updateEvent(db, DECREE.id, { ...DECREE, title: "Carol's title" }, { by: "carol", baseVersion: 1 }));
    expect(stale).toBeInstanceOf(EventConflictError);
    expect(stale.message).toMatch(/changed by bob .*version 2; you edited version 1/);
    expect((stale as EventConflictError).currentVersion).toBe(2);
    const staleInBody = await thrown(updateEvent(db, DECREE.id, { ...DECREE, title: "Carol's title", baseVersion: 1 }, { by: "carol" }));
    expect(staleInBody).toBeInstanceOf(EventConflictError);
    expect(await thrown(updateEvent(db, DECREE.id, { ...DECREE, baseVersion: "two" }, { by: "carol" }))).toBeInstanceOf(EventValidationError);
    expect(await thrown(updateEvent(db, DECREE.id, { ...DECREE, id: "other" }, { by: "c" }))).toBeInstanceOf(EventValidationError);
    expect(await thrown(updateEvent(db, "nope", { ...DECREE, id: undefined }, { by: "c" }))).toBeInstanceOf(EventNotFoundError);
    const invalid = (await thrown(updateEvent(db, DECREE.id, { ...DECREE, ends_on: "2019-01-01" }, { by: "c" }))) as EventValidationError;
    expect(invalid.errors).toMatchObject([{ key: "ends_on", value: "2019-01-01" }]);
    expect(await getEvent(db, DECREE.id)).toMatchObject({ title: "Decree No. 274", version: 2, endsOn: "2020-06-15" });
  });
});

describe("deleteEvent", () => {
  it("keeps the last version, refuses while linked to, and a re-created event continues the numbering", async () => {
    const db = await engineDb();
    await createEvent(db, DECREE, { by: "a" });
    const talks = await createEvent(db, TALKS, { by: "a" });
    const linked = await thrown(deleteEvent(db, DECREE.id, { by: "bob" }));
    expect(linked).toBeInstanceOf(EventConflictError);
    expect(linked.message).toMatch(/russian-tajik-migration-talks-2021 link to it/);

    const version = (await dataVersion(db)).version;
    await deleteEvent(db, talks.id, { by: "bob" });
    expect(await getEvent(db, talks.id)).toBeUndefined();
    expect((await dataVersion(db)).version).toBeGreaterThan(version);
    expect(await eventVersions(db, talks.id)).toMatchObject([{ version: 1, replacedBy: "bob", deleted: true, snapshot: { title: TALKS.title, body: "# Talks\n\nText." } }]);
    expect(await thrown(deleteEvent(db, talks.id, { by: "bob" }))).toBeInstanceOf(EventNotFoundError);

    const again = await createEvent(db, { ...TALKS, title: "Talks again", id: talks.id }, { by: "carol" });
    expect(again.version).toBe(2);
    await updateEvent(db, talks.id, { ...TALKS, title: "Talks, third" }, { by: "dan", baseVersion: 2 });
    expect((await eventVersions(db, talks.id)).map((v) => [v.version, v.replacedBy, v.deleted, v.snapshot.title])).toEqual([
      [1, "bob", true, TALKS.title], [2, "dan", false, "Talks again"],
    ]);
  });
});
