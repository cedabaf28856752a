import { describe, expect, it } from "vitest";
import { safeNext } from "./next-path";

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    expect(safeNext("/upload?x=1#a")).toBe("/upload?x=1#a");
    expect(safeNext("/admin/users")).toBe("/admin/users");
    expect(safeNext("/events/../explorer")).toBe("/explorer");
  });
  it("refuses other sites, schemes and junk", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", null, undefined, "evil", "/\u0000x", "/\\\\evil"]) expect(safeNext(bad)).toBe("/");
  });
  // Each resolves to a path starting "//" (or "/\"): a browser given that goes to another host.
  it.each(["/.//evil.example/phish", "/..//evil.example/phish", "/%2e//evil.example/phish", "/./\\evil.example/phish", "/a/..//evil.example", "/\t/evil.example"])("refuses %s", (trick) => {
    const next = safeNext(trick);
    expect(next).toBe("/");
    // The property that matters: where a browser on this site would go with the answer.
    expect(new URL(next, "https://corridor.example").origin).toBe("https://corridor.example");
  });
});
