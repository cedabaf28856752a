import { describe, expect, it } from "vitest";
import { observationHref, parseObservationKey } from "./observation-query";

describe("parseObservationKey", () => {
  it("fills the defaults and canonicalises the period", () => {
    expect(parseObservationKey(new URLSearchParams("indicator=work_patents_issued&origin=tjk&period=2022Q1"))).toEqual({
      indicator: "work_patents_issued",
      origin: "TJK",
      destination: "WLD",
      period: "2022-Q1",
      breakdown: "total",
    });
  });
  it("names the parameter it cannot use", () => {
    expect(() => parseObservationKey(new URLSearchParams("origin=TJK&period=2021"))).toThrow(/^indicator: required/);
    expect(() => parseObservationKey(new URLSearchParams("indicator=x&origin=Tajikistan&period=2021"))).toThrow(/^origin: .*alpha-3/);
    expect(() => parseObservationKey(new URLSearchParams("indicator=x&origin=TJK&period=someday"))).toThrow(/^period: /);
  });
});

describe("observationHref", () => {
  it("leaves defaults out of the address", () => {
    expect(observationHref({ indicator: "entries", origin: "UZB", destination: "WLD", period: "2021", breakdown: "total" })).toBe("/observations?indicator=entries&origin=UZB&period=2021");
    expect(observationHref({ indicator: "entries", origin: "UZB", destination: "RUS", period: "2021", breakdown: "sex=F" })).toBe(
      "/observations?indicator=entries&origin=UZB&destination=RUS&period=2021&breakdown=sex%3DF",
    );
  });
});
