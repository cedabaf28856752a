import { describe, expect, it } from "vitest";
import { safeNext } from "./next-path";

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    expect(safeNext("/upload?x=1#a")).toBe("/upload?x=1#a");
    expect(safeNext("/admin/users")).toBe("/admin/users");
  });
  it("refuses other sites, schemes and junk", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", null, undefined, "evil", "/\u0000x", "/\\\\evil"]) expect(safeNext(bad)).toBe("/");
  });
});
