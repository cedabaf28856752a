import { describe, expect, it } from "vitest";
import {
  chartQuery,
  DASHBOARD_DEFAULTS,
  dashboardChartQuery,
  dashboardFallbacks,
  dashboardHref,
  ParameterError,
  parseChartParams,
  parseDashboardView,
  parseEventParams,
  parseSeriesParams,
} from "./params";

const q = (s: string) => new URLSearchParams(s);

describe("parseSeriesParams", () => {
  it("parses and canonicalises every parameter", () => {
    expect(parseSeriesParams(q("indicator=BX.TRF.PWKR.CD.DT&origin=Tajikistan&frequency=q&from=2019&to=2021Q2"))).toEqual({
      indicator: "BX.TRF.PWKR.CD.DT",
      origin: "TJK",
      destination: "WLD",
      frequency: "Q",
      from: "2019",
      to: "2021-Q2",
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
      countries: ["TJK", "RUS"],
      kinds: ["talks", "decree"],
      tags: ["covid-19"],
      from: "2020-04",
    });
  });
  it("takes search words from q, trimmed (blank: no search)", () => {
    expect(parseEventParams(q(`q=${encodeURIComponent("  Переговоры Таджикистан ")}`)).text).toBe("Переговоры Таджикистан");
    expect(parseEventParams(q("q=%20")).text).toBeUndefined();
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
      origin: "UZB",
      destination: "RUS",
      indicator: "remittances_received_usd",
      hide: ["decree", "talks"],
      related: false,
    });
  });
  it("writes only non-defaults and round-trips", () => {
    expect(dashboardHref(DASHBOARD_DEFAULTS)).toBe("/");
    const view = { origin: "KGZ", destination: "RUS", indicator: "work_patents_issued", hide: ["economic"], related: false };
    const href = dashboardHref(view);
    expect(href).toBe("/?origin=KGZ&indicator=work_patents_issued&hide=economic");
    expect(parseDashboardView(new URL(href, "http://x").searchParams)).toEqual(view);
    // Other corridors' events only when asked for, and the ask survives the round trip.
    const withRelated = { ...view, related: true };
    expect(dashboardHref(withRelated)).toBe("/?origin=KGZ&indicator=work_patents_issued&hide=economic&related=1");
    expect(parseDashboardView(new URL(dashboardHref(withRelated), "http://x").searchParams)).toEqual(withRelated);
  });
  it("keeps a chosen frequency (to show values the default view leaves out) and drops a bad one", () => {
    const view = { ...DASHBOARD_DEFAULTS, frequency: "Q" as const };
    expect(dashboardHref(view)).toBe("/?frequency=Q");
    expect(parseDashboardView(q("frequency=Q"))).toEqual(view);
    expect(parseDashboardView(q("frequency=W"))).toEqual(DASHBOARD_DEFAULTS);
  });
});

describe("parseChartParams", () => {
  it("defaults, canonicalises and writes back only what differs", () => {
    const chart = parseChartParams(q("indicator=entries&origin=Tajikistan&destination=Russia&hide=law,decree,law&width=640.4&theme=dark&scale=2"));
    expect(chart).toEqual({
      kind: "series",
      series: { indicator: "entries", origin: "TJK", destination: "RUS" },
      hide: ["decree", "law"],
      width: 640,
      theme: "dark",
      scale: 2,
      notes: true,
      lang: "en",
    });
    expect(chartQuery(chart)).toBe("indicator=entries&origin=TJK&destination=RUS&hide=decree%2Claw&width=640&theme=dark&scale=2");
    // Two spellings of one chart share a key (and so a cache entry and an ETag).
    expect(chartQuery(parseChartParams(q("origin=TJK&indicator=entries&destination=RUS&theme=dark&scale=2&width=640&hide=decree,law")))).toBe(chartQuery(chart));
  });

  it("takes lang=ru into the chart and its key; any other language is a 400 naming lang", () => {
    const chart = parseChartParams(q("indicator=entries&origin=TJK&destination=RUS&lang=ru"));
    expect(chart.lang).toBe("ru");
    expect(chartQuery(chart)).toBe("indicator=entries&origin=TJK&destination=RUS&lang=ru");
    expect(() => parseChartParams(q("indicator=entries&origin=TJK&lang=de"))).toThrow(/lang/);
  });

  it("takes the explorer's view for a comparison, with the explorer's defaults", () => {
    const chart = parseChartParams(q("series=TJK-WLD,UZB&chart=bar&log=1&width=600"), "compare");
    expect(chart.compare).toMatchObject({ series: ["TJK-WLD", "UZB-WLD"], chart: "bar", log: true, indicator: "remittances_received_usd" });
    expect(chartQuery(chart)).toBe("series=TJK-WLD%2CUZB-WLD&chart=bar&log=1&width=600");
    expect(chartQuery(parseChartParams(q(""), "compare"))).toBe("");
  });

  it("takes a pinned version instead of a series query", () => {
    const chart = parseChartParams(q("version=0123456789abcdef0123&notes=0&events=talks-2021,decree-274"));
    expect(chart).toMatchObject({ version: "0123456789abcdef0123", notes: false, events: ["decree-274", "talks-2021"] });
    expect(chart.series).toBeUndefined();
    expect(chartQuery(chart)).toBe("version=0123456789abcdef0123&events=decree-274%2Ctalks-2021&notes=0");
  });

  it.each([
    ["version=../../etc", "version"],
    ["indicator=x&origin=TJK&width=99999", "width"],
    ["indicator=x&origin=TJK&height=-3", "height"],
    ["indicator=x&origin=TJK&theme=pink", "theme"],
    ["indicator=x&origin=TJK&scale=10", "scale"],
    ["indicator=x&origin=TJK&hide=parties", "hide"],
    ["indicator=x&origin=TJK&notes=yes", "notes"],
    ["indicator=x&origin=TJK&events=a,<b>", "events"],
    ["theme=dark", "indicator"],
  ])("%s → error naming %s", (query, parameter) => {
    expect(() => parseChartParams(q(query))).toThrow(expect.objectContaining({ parameter }));
  });
});

describe("the related-events layer travels with the chart", () => {
  it("the dashboard's exports carry related=1, frequency and hidden kinds when the view has them", () => {
    const view = parseDashboardView(q("origin=UZB&related=1&hide=law&frequency=Q"));
    const query = dashboardChartQuery(view, "RUS", "work_patents_issued");
    expect(query).toBe("indicator=work_patents_issued&origin=UZB&destination=RUS&frequency=Q&hide=law&related=1");
    expect(dashboardChartQuery({ ...view, related: false }, "RUS", "x")).not.toContain("related");
  });
  it("a chart query parses related=1 and writes it back, so images, embeds and downloads draw the layer", () => {
    const chart = parseChartParams(q("indicator=entries&origin=UZB&destination=RUS&related=1"));
    expect(chart.series?.related).toBe(true);
    expect(chartQuery(chart)).toBe("indicator=entries&origin=UZB&destination=RUS&related=1");
    expect(parseChartParams(q("indicator=entries&origin=UZB&related=0")).series).not.toHaveProperty("related");
    expect(() => parseSeriesParams(q("indicator=x&origin=TJK&related=maybe"))).toThrow(/related: "maybe" must be 1 or 0/);
  });
});

describe("dashboardFallbacks", () => {
  const q = (s: string) => new URLSearchParams(s);
  const fallbacks = (s: string, indicators: string[] = ["remittances_received_usd", "entries"]) => dashboardFallbacks(q(s), parseDashboardView(q(s), indicators));
  it("names each parameter the view could not honour, as asked", () => {
    expect(fallbacks("origin=XXX")).toEqual([{ parameter: "origin", asked: "XXX" }]);
    expect(fallbacks("origin=TJK&destination=WLD&indicator=nope")).toEqual([
      { parameter: "destination", asked: "WLD" },
      { parameter: "indicator", asked: "nope" },
    ]);
  });
  it("is empty when every value was used, in any spelling the resolver accepts", () => {
    expect(fallbacks("")).toEqual([]);
    expect(fallbacks("origin=Uzbekistan&destination=rus&indicator=entries")).toEqual([]);
  });
});

describe("parseChartParams' default theme", () => {
  it("is light for images and what the caller says for embeds; an explicit theme wins", () => {
    const q = new URLSearchParams("indicator=entries&origin=TJK");
    expect(parseChartParams(q).theme).toBe("light");
    expect(parseChartParams(q, "series", "auto").theme).toBe("auto");
    expect(parseChartParams(new URLSearchParams("indicator=entries&origin=TJK&theme=light"), "series", "auto").theme).toBe("light");
  });
});
