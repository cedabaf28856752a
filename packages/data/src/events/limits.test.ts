/**
 * Field maxima: an oversized field is refused with its key named, by the CLI's import (file:line)
 * and by the write API's createEvent alike, and the error never echoes the whole oversized value.
 */
import { describe, expect, it } from "vitest";
import { engineDb, tmpFile } from "../test/helpers.ts";
import { addUser, AccountError, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from "../accounts.ts";
import { createEvent, EventValidationError } from "./edit.ts";
import { EVENT_LIMITS } from "./model.ts";
import { events, importEvents } from "./store.ts";

const EVENT = { title: "Talks", kind: "talks", starts_on: "2021-04-19", countries: "RUS; TJK" };

async function refused(input: Record<string, unknown>): Promise<EventValidationError> {
  try {
    await createEvent(await engineDb(), input, { by: "ana@example.org" });
  } catch (error) {
    if (error instanceof EventValidationError) return error;
    throw error;
  }
  throw new Error("expected the event to be refused");
}

describe("event field maxima", () => {
  it("takes every field at its maximum", async () => {
    const db = await engineDb();
    const event = await createEvent(db, {
      ...EVENT,
      title: "T".repeat(EVENT_LIMITS.title),
      summary: "s".repeat(EVENT_LIMITS.summary),
      body: "b".repeat(EVENT_LIMITS.body),
      document_ref: "d".repeat(EVENT_LIMITS.document_ref),
      source_url: `https://example.org/${"u".repeat(EVENT_LIMITS.source_url - 20)}`,
      tags: Array.from({ length: EVENT_LIMITS.tags }, (_, i) => `${i}`.padEnd(EVENT_LIMITS.tag, "t")),
    }, { by: "ana@example.org" });
    expect(event.title).toHaveLength(EVENT_LIMITS.title);
    expect(event.tags).toHaveLength(EVENT_LIMITS.tags);
  });

  it.each([
    ["title", "T".repeat(EVENT_LIMITS.title + 1), /title has 301 characters; at most 300/],
    ["summary", "s".repeat(EVENT_LIMITS.summary + 1), /summary has 2001 characters; at most 2000/],
    ["body", "b".repeat(EVENT_LIMITS.body + 1), /body has 100001 characters; at most 100000/],
    ["document_ref", "d".repeat(EVENT_LIMITS.document_ref + 1), /document_ref has 301 characters; at most 300/],
    ["source_url", `https://example.org/${"u".repeat(EVENT_LIMITS.source_url)}`, /source_url has 2020 characters; at most 2000/],
    ["verification_note", "n".repeat(EVENT_LIMITS.verification_note + 1), /verification_note has 2001 characters/],
    ["id", "a".repeat(EVENT_LIMITS.id + 1), /id has 121 characters; at most 120/],
    ["tags", Array.from({ length: EVENT_LIMITS.tags + 1 }, (_, i) => `tag-${i}`), /tags has 31 tags; at most 30/],
    ["tags", ["x".repeat(EVENT_LIMITS.tag + 1)], /the tag has 61 characters; at most 60/],
    ["countries", Array.from({ length: EVENT_LIMITS.countries + 1 }, () => "RUS"), /countries has 61 entries; at most 60/],
    ["relates", { cites: Array.from({ length: EVENT_LIMITS.relates + 1 }, (_, i) => `e-${i}`) }, /relates has 51 links; at most 50/],
  ])("refuses an oversized %s, naming the field", async (key, value, message) => {
    const error = await refused({ ...EVENT, [key]: value });
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toMatchObject({ key, message: expect.stringMatching(message) });
    // The echoed value is a short prefix, not the oversized text itself.
    expect(error.errors[0]!.value?.length ?? 0).toBeLessThan(200);
  });

  it("refuses a 900 KB title in a CLI import with file and line, writing nothing", async () => {
    const db = await engineDb();
    const csv = `id,title,kind,starts_on,countries\nok,Fine,talks,2021-04-19,RUS\nbig,${"x".repeat(900_000)},talks,2021-04-19,RUS\n`;
    const result = await importEvents(db, [tmpFile(csv, "events.csv")]);
    expect(result.errors).toMatchObject([{ file: expect.stringMatching(/events\.csv$/), line: 3, key: "title", message: expect.stringMatching(/title has 900000 characters; at most 300/) }]);
    expect(await events(db, {})).toEqual([]);
  });
});

describe("account field maxima", () => {
  const password = "correct horse battery";
  it("refuses an over-long email or name, naming the field", async () => {
    const db = await engineDb();
    const long = `${"a".repeat(MAX_EMAIL_LENGTH)}@example.org`;
    await expect(addUser(db, { email: long, password, role: "viewer" }, "cli")).rejects.toThrow(AccountError);
    await expect(addUser(db, { email: long, password, role: "viewer" }, "cli")).rejects.toThrow(/email: .*at most 254/);
    await expect(addUser(db, { email: "ana@example.org", name: "N".repeat(MAX_NAME_LENGTH + 1), password, role: "viewer" }, "cli")).rejects.toThrow(/name: the name has 201 characters; at most 200/);
    const made = await addUser(db, { email: "ana@example.org", name: "N".repeat(MAX_NAME_LENGTH), password, role: "viewer" }, "cli");
    expect(made.name).toHaveLength(MAX_NAME_LENGTH);
  });
});
