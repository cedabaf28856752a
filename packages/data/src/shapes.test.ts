/** The request shapes keep the messages clients have always been shown. */
import { describe, expect, it } from "vitest";
import { eventBody, eventUpdateBody, importFormOptions, newUserBody, suggestBody } from "./shapes.ts";

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("request shapes", () => {
  it("new users: strings first, then the role", () => {
    expect(firstMessage(newUserBody.safeParse({ email: 1, password: "x", role: "boss" }))).toBe("expected {email, password, role, name?} as strings");
    expect(firstMessage(newUserBody.safeParse({ email: "a@b.c", password: "x", role: "boss" }))).toBe("role must be viewer, analyst or admin");
    expect(newUserBody.parse({ email: "a@b.c", password: "x", role: "viewer", extra: 1 })).toEqual({ email: "a@b.c", password: "x", role: "viewer" });
  });

  it("suggestions need text; events keep every key and check baseVersion", () => {
    expect(firstMessage(suggestBody.safeParse({ text: "  " }))).toBe('expected {"text": "…"}');
    expect(firstMessage(eventUpdateBody.safeParse({ title: "T", baseVersion: 1.5 }))).toBe("baseVersion must be a whole number");
    expect(eventUpdateBody.parse({ title: "T", baseVersion: 2 })).toEqual({ title: "T", baseVersion: 2 });
    expect(eventBody.parse({ title: "T", baseVersion: "x" })).toEqual({ title: "T", baseVersion: "x" });
  });

  it("the upload form's options: the old messages, --map by the CLI's rules", () => {
    expect(firstMessage(importFormOptions.safeParse({ format: "xls", map: [] }))).toBe('format "xls": expected auto or one of tidy, wide, worldbank, sdmx');
    expect(firstMessage(importFormOptions.safeParse({ decimal: ";", map: [] }))).toBe('decimal ";": expected ".", "," or auto');
    expect(firstMessage(importFormOptions.safeParse({ indicator: "x".repeat(201), map: [] }))).toBe("indicator: too long");
    expect(firstMessage(importFormOptions.safeParse({ map: ["unit=value"] }))).toMatch(/map unit=value: unknown role "unit"/);
    expect(importFormOptions.parse({ format: "wide", map: ["value=Amount"] })).toMatchObject({ format: "wide", map: { value: "Amount" } });
    expect(importFormOptions.parse({ map: [] }).map).toBeUndefined();
  });
});
