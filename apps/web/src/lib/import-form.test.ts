import { describe, expect, it } from "vitest";
import { EMPTY_FORM, assignRole, formFromProfile, importFields, previewOptions, profilesFrom } from "./import-form";

describe("importFields", () => {
  it("sends only what the analyst chose, map as ROLE=COLUMN", () => {
    const form = { ...EMPTY_FORM, encoding: "windows-1251", indicator: " work_patents_issued ", destination: "RUS", map: { value: "Количество патентов" }, saveProfile: "mvd-patents" };
    expect(importFields(form)).toEqual([
      ["encoding", "windows-1251"],
      ["indicator", "work_patents_issued"],
      ["destination", "RUS"],
      ["map", "value=Количество патентов"],
      ["saveProfile", "mvd-patents"],
    ]);
    expect(importFields(EMPTY_FORM)).toEqual([]);
  });
});

describe("assignRole", () => {
  it("keeps one column per role and one role per column", () => {
    let form = assignRole(EMPTY_FORM, "A", "value");
    form = assignRole(form, "B", "value");
    expect(form.map).toEqual({ value: "B" });
    form = assignRole(form, "B", "period");
    expect(form.map).toEqual({ period: "B" });
    expect(assignRole(form, "B", null).map).toEqual({});
  });
});

describe("profiles", () => {
  const saved = {
    name: "mvd-patents",
    options: { indicator: "work_patents_issued", destination: "RUS", map: { value: "Количество патентов" }, decimal: ",", encoding: "windows-1251", countryRole: "origin" },
  };
  it("reads either body shape and ignores junk", () => {
    expect(profilesFrom({ profiles: [saved, { nope: 1 }] })).toHaveLength(1);
    expect(profilesFrom([saved])).toHaveLength(1);
    expect(profilesFrom(null)).toEqual([]);
  });
  it("fills the form from a profile and names it, so the server applies the same", () => {
    const form = formFromProfile(saved);
    expect(form).toMatchObject({ profile: "mvd-patents", indicator: "work_patents_issued", decimal: ",", encoding: "windows-1251", countryRole: "origin", format: "auto" });
    expect(importFields(form)).toContainEqual(["map", "value=Количество патентов"]);
    expect(previewOptions(form)).toMatchObject({ encoding: "windows-1251", decimal: ",", destination: "RUS", map: { value: "Количество патентов" } });
  });
});
