/** The impact panels' URL state and export query: parseControls, controlHref, parseImpactExportParams. */
import { describe, expect, it } from "vitest";
import { controlHref, impactExportHref, parseControls, parseImpactExportParams } from "./impact-view";

const panel = { indicator: "remittances_received_usd", origin: "TJK", destination: "WLD" };

describe("parseControls / controlHref", () => {
  it("reads one control per panel and says which parameter means nothing, without failing the others", () => {
    const { controls, errors } = parseControls(new URLSearchParams("control.remittances_received_usd.TJK-WLD=kgz-wld&control.work_patents_issued.TJK-RUS=KGZ&other=1"));
    expect([...controls]).toEqual([["remittances_received_usd.TJK-WLD", { origin: "KGZ", destination: "WLD" }]]);
    expect(errors.get("work_patents_issued.TJK-RUS")).toMatch(/^control\.work_patents_issued\.TJK-RUS: "KGZ" must be a corridor ORIGIN-DESTINATION/);
    expect(parseControls(new URLSearchParams("control.x.TJK-WLD=XXX-WLD")).errors.get("x.TJK-WLD")).toMatch(/XXX/);
  });

  it("sets or clears this panel's control, keeps the others', and returns to the panel", () => {
    const params = new URLSearchParams("control.work_patents_issued.TJK-RUS=UZB-RUS");
    expect(controlHref("/events/e", params, panel, { origin: "KGZ", destination: "WLD" })).toBe(
      "/events/e?control.remittances_received_usd.TJK-WLD=KGZ-WLD&control.work_patents_issued.TJK-RUS=UZB-RUS#impact-remittances_received_usd.TJK-WLD",
    );
    expect(controlHref("/events/e", new URLSearchParams("control.remittances_received_usd.TJK-WLD=KGZ-WLD"), panel, null)).toBe("/events/e#impact-remittances_received_usd.TJK-WLD");
  });
});

describe("parseImpactExportParams", () => {
  it("round-trips the panel's export link", () => {
    const href = impactExportHref("svg", { event: "talks", ...panel, control: { origin: "UZB", destination: "WLD" } }, { theme: "dark", width: "640", lang: "ru" });
    const parsed = parseImpactExportParams(new URL(href, "http://x").searchParams);
    expect(parsed).toEqual({ event: "talks", ...panel, control: { origin: "UZB", destination: "WLD" }, width: 640, theme: "dark", scale: 1, download: false, lang: "ru" });
  });

  it("names the parameter that is wrong", () => {
    const base = { event: "talks", indicator: "x", origin: "TJK" };
    expect(() => parseImpactExportParams(new URLSearchParams({ ...base, theme: "auto" }))).toThrow(/^theme: "auto" must be light or dark/);
    expect(() => parseImpactExportParams(new URLSearchParams({ ...base, width: "99999" }))).toThrow(/^width:/);
    expect(() => parseImpactExportParams(new URLSearchParams({ ...base, lang: "de" }))).toThrow(/^lang: "de" must be en or ru/);
    expect(parseImpactExportParams(new URLSearchParams(base)).lang).toBe("en");
    expect(() => parseImpactExportParams(new URLSearchParams({ indicator: "x", origin: "TJK" }))).toThrow(/^event: is required/);
    expect(parseImpactExportParams(new URLSearchParams(base)).destination).toBe("WLD");
  });
});
