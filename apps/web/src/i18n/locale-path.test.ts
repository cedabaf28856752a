import { describe, expect, it } from "vitest";
import { localePath, preferredLocale, stripLocale } from "./locale-path";

describe("localePath / stripLocale", () => {
  it("prefixes Russian and leaves English bare, keeping the query", () => {
    expect(localePath("/", "ru")).toBe("/ru");
    expect(localePath("/?origin=UZB", "ru")).toBe("/ru?origin=UZB");
    expect(localePath("/explorer?x=1&y=2", "ru")).toBe("/ru/explorer?x=1&y=2");
    expect(localePath("/ru/explorer?x=1", "en")).toBe("/explorer?x=1");
    expect(localePath("/ru?origin=UZB", "en")).toBe("/?origin=UZB");
    expect(localePath("/ru/events/a", "ru")).toBe("/ru/events/a");
  });
  it("does not take a path that merely starts with ru for a prefix", () => {
    expect(stripLocale("/rules")).toEqual({ locale: "en", path: "/rules" });
    expect(stripLocale("/ru")).toEqual({ locale: "ru", path: "/" });
    expect(stripLocale("/ru?a=1")).toEqual({ locale: "ru", path: "/?a=1" });
  });
});

describe("preferredLocale", () => {
  it("picks the highest-q language we have", () => {
    expect(preferredLocale("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru");
    expect(preferredLocale("en-GB,en;q=0.9,ru;q=0.8")).toBe("en");
    expect(preferredLocale("tg,ru;q=0.5")).toBe("ru");
    expect(preferredLocale("de,en;q=0.3,ru;q=0.2")).toBe("en");
  });
  it("answers null for none of ours, a refusal or no header", () => {
    expect(preferredLocale("de-DE,fr;q=0.5")).toBeNull();
    expect(preferredLocale("ru;q=0")).toBeNull();
    expect(preferredLocale(undefined)).toBeNull();
    expect(preferredLocale("")).toBeNull();
  });
});
