import { describe, expect, it } from "vitest";
import { DASHBOARD_DEFAULTS, dashboardHref, ParameterError, parseDashboardView, parseEventParams, parseSeriesParams } from "./params";

const q = (s: string) => new URLSearchParams(s);

describe("parseSeriesParams", () => {
  it("parses and canonicalises every parameter", () => {
    expect(parseSeriesParams(q("indicator=BX.TRF.PWKR.CD.DT&origin=Tajikistan&frequency=q&from=2019&to=2021Q2"))).toEqual({
      indicator: "BX.TRF.PWKR.CD.DT", origin: "TJK", destination: "WLD", frequency: "Q", from: "2019", to: "2021-Q2",
    });
  });
  it.each([
    ["origin=TJK", "indicator", /indicator: is required/],
    ["indicator=x", "origin", /origin: is required/],
    ["indicator=x&origin=Tajikstan", "origin", /did you mean TJK/],
    ["indicator=x&origin=TJK&frequency=W", "frequency", /must be one of A, H, Q, M, D/],
    ["indicator=x&origin=TJK&from=soon", "from", /from: "soon"/],
  ])("%s → 400 naming %s", (query, parameter, message) => {
    try {
      parseSeriesParams(q(query));
      throw new Error("no error");
    } catch (error) {
      expect(error).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).parameter).toBe(parameter);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe("parseEventParams", () => {
  it("accepts repeated and comma-separated lists", () => {
    expect(parseEventParams(q("country=TJK,Россия&kind=talks&kind=decree&tag=covid-19&from=2020-04"))).toEqual({
      countries: ["TJK", "RUS"], kinds: ["talks", "decree"], tags: ["covid-19"], from: "2020-04",
    });
  });
  it("names the bad parameter", () => {
    expect(() => parseEventParams(q("kind=summit"))).toThrow(/kind: "summit" must be one of/);
    expect(() => parseEventParams(q("country=Atlantis"))).toThrow(/country: unknown country/);
  });
});

describe("dashboard view in the URL", () => {
  it("parses every parameter to a valid value or its default", () => {
    expect(parseDashboardView(q(""))).toEqual(DASHBOARD_DEFAULTS);
    expect(parseDashboardView(q("origin=Uzbekistan&destination=xx&indicator=nope&hide=decree,bogus,talks,decree"), ["remittances_received_usd"])).toEqual({
      origin: "UZB", destination: "RUS", indicator: "remittances_received_usd", hide: ["decree", "talks"],
    });
  });
  it("writes only non-defaults and round-trips", () => {
    expect(dashboardHref(DASHBOARD_DEFAULTS)).toBe("/");
    const view = { origin: "KGZ", destination: "RUS", indicator: "work_patents_issued", hide: ["economic"] };
    const href = dashboardHref(view);
    expect(href).toBe("/?origin=KGZ&indicator=work_patents_issued&hide=economic");
    expect(parseDashboardView(new URL(href, "http://x").searchParams)).toEqual(view);
  });
});
