import { describe, expect, it } from "vitest";
import { barPeriodOf, barRows, compareModel, EXPLORER_DEFAULTS, explorerHref, glyphRows, indexTo100, mergeSeries, parseExplorerView, pickCorridors, PICKER_LIMIT, withFind } from "./explorer";
import { MIN_DOMAIN } from "./chart-model";

const q = (s: string) => new URLSearchParams(s);

describe("explorer view in the URL", () => {
  it("parses every parameter to a valid value or its default", () => {
    expect(parseExplorerView(q(""))).toEqual(EXPLORER_DEFAULTS);
    expect(parseExplorerView(q("indicator=nope&series=Tajikistan-RUS,xx-yy,KGZ&frequency=w&from=2010&to=2021Q4&chart=pie&log=1&index=2015"), ["remittances_received_usd"])).toEqual({
      indicator: "remittances_received_usd",
      series: ["KGZ-WLD", "TJK-RUS"],
      frequency: null,
      from: "2010",
      to: "2021-Q4",
      chart: "line",
      log: true,
      index: "2015",
    });
  });
  it("takes corridors repeated (form checkboxes) or comma-separated (links) as the same set", () => {
    expect(parseExplorerView(q("series=UZB-WLD&series=TJK-WLD")).series).toEqual(["TJK-WLD", "UZB-WLD"]);
    expect(parseExplorerView(q("series=UZB-WLD,TJK-WLD")).series).toEqual(["TJK-WLD", "UZB-WLD"]);
  });
  it("writes only non-defaults, and what it writes parses back to the same view", () => {
    expect(explorerHref(EXPLORER_DEFAULTS)).toBe("/explorer");
    const view = { ...EXPLORER_DEFAULTS, series: ["TJK-WLD", "UZB-WLD"], chart: "bar" as const, index: "2015" };
    const href = explorerHref(view);
    expect(href).toBe("/explorer?series=TJK-WLD%2CUZB-WLD&chart=bar&index=2015");
    expect(parseExplorerView(new URL(href, "http://x").searchParams)).toEqual(view);
  });
});

describe("the corridor picker", () => {
  // SYNTHETIC: every origin of the country registry's first codes to RUS and to all partners.
  const origins = ["AFG", "ALB", "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UKR", "UZB", "CHN", "IND"];
  const many = origins.flatMap((o) => [`${o}-RUS`, `${o}-WLD`]).map((key) => ({ key, label: key }));

  it("lists every corridor when they are few, with no search", () => {
    const few = many.slice(0, PICKER_LIMIT);
    expect(pickCorridors(few, ["KAZ-RUS"], "anything")).toEqual({ choices: few, total: PICKER_LIMIT, searchable: false, matches: null });
  });

  it("beyond the limit lists the chosen ones, then matches of every word in English or Russian, any case and accents", () => {
    expect(many.length).toBeGreaterThan(PICKER_LIMIT);
    const keys = (find: string | null) => pickCorridors(many, ["UZB-WLD", "TJK-RUS"], find).choices.map((c) => c.key);
    expect(keys(null)).toEqual(["TJK-RUS", "UZB-WLD"]);
    expect(keys("  ")).toEqual(["TJK-RUS", "UZB-WLD"]);
    expect(keys("kazakh")).toEqual(["TJK-RUS", "UZB-WLD", "KAZ-RUS", "KAZ-WLD"]);
    expect(keys("КАЗАХСТАН россия")).toEqual(["TJK-RUS", "UZB-WLD", "KAZ-RUS"]);
    expect(keys("tajikistan")).toEqual(["TJK-RUS", "UZB-WLD", "TJK-WLD"]);
    expect(keys("kgz-wld")).toEqual(["TJK-RUS", "UZB-WLD", "KGZ-WLD"]);
    expect(pickCorridors(many, [], "atlantis")).toMatchObject({ choices: [], matches: 0, searchable: true, total: many.length });
  });

  it("lists at most PICKER_LIMIT matches and counts them all", () => {
    const pick = pickCorridors(many, [], "russia");
    expect(pick.matches).toBe(origins.length);
    expect(pick.choices).toHaveLength(Math.min(origins.length, PICKER_LIMIT));
    const wide = pickCorridors(many, [], "a");
    expect(wide.matches).toBeGreaterThan(PICKER_LIMIT);
    expect(wide.choices).toHaveLength(PICKER_LIMIT);
  });

  it("keeps the search words after the canonical view, never inside it", () => {
    expect(withFind("/explorer", null)).toBe("/explorer");
    expect(withFind("/explorer?chart=bar", "south korea")).toBe("/explorer?chart=bar&find=south+korea");
    expect(parseExplorerView(new URL(withFind("/explorer?chart=bar", "x"), "http://x").searchParams)).toEqual({ ...EXPLORER_DEFAULTS, chart: "bar" });
  });
});

describe("indexTo100 and mergeSeries", () => {
  it("divides by the base period's value", () => {
    expect(
      indexTo100(
        [
          { period: "2014", value: 50 },
          { period: "2015", value: 200 },
          { period: "2016", value: 300 },
        ],
        "2015",
      ),
    ).toEqual([
      { period: "2014", value: 25 },
      { period: "2015", value: 100 },
      { period: "2016", value: 150 },
    ]);
    expect(indexTo100([{ period: "2014", value: 50 }], "2015")).toBeNull();
    expect(indexTo100([{ period: "2015", value: 0 }], "2015")).toBeNull();
  });
  it("merges series on the union of periods, in time order, with gaps as null", () => {
    const rows = mergeSeries([
      {
        key: "a",
        points: [
          { period: "2020", start: "2020-01-01", end: "2020-12-31", value: 1 },
          { period: "2021", start: "2021-01-01", end: "2021-12-31", value: 2 },
        ],
      },
      {
        key: "b",
        points: [
          { period: "2019", start: "2019-01-01", end: "2019-12-31", value: 9 },
          { period: "2021", start: "2021-01-01", end: "2021-12-31", value: 8 },
        ],
      },
    ]);
    expect(rows.map((r) => [r.period, r.values])).toEqual([
      ["2019", { a: null, b: 9 }],
      ["2020", { a: 1, b: null }],
      ["2021", { a: 2, b: 8 }],
    ]);
  });
});

describe("compareModel: any data shape", () => {
  const year = (y: number, value: number) => ({ period: String(y), start: `${y}-01-01`, end: `${y}-12-31`, value });
  const day = (d: string, value: number) => ({ period: d, start: d, end: d, value });

  it("centres a single date in a padded year, for every corridor", () => {
    const m = compareModel([
      { key: "TJK-RUS", points: [day("2021-04-16", 1)] },
      { key: "UZB-RUS", points: [day("2021-04-16", 2)] },
    ]);
    expect(m.domain[1] - m.domain[0]).toBe(MIN_DOMAIN);
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0]!.t).toBeCloseTo((m.domain[0] + m.domain[1]) / 2, -3);
    expect(m.bars.map((b) => [b.period, b["TJK-RUS"], b["UZB-RUS"]])).toEqual([["2021-04-16", 1, 2]]);
  });

  it("keeps a missing year as an empty bar, and nothing at all as an empty chart", () => {
    const m = compareModel([{ key: "a", points: [year(2013, 1), year(2016, 4)] }]);
    expect(m.bars.map((b) => [b.period, b.a])).toEqual([
      ["2013", 1],
      ["2014", null],
      ["2015", null],
      ["2016", 4],
    ]);
    expect(compareModel([{ key: "a", points: [] }])).toMatchObject({ rows: [], bars: [], domain: [0, 1] });
  });

  it("leaves rows of mixed frequencies as they are (no gap filling across frequencies)", () => {
    const merged = mergeSeries([{ key: "a", points: [year(2017, 1), { period: "2018-Q3", start: "2018-07-01", end: "2018-09-30", value: 2 }] }]);
    expect(barRows(merged, ["a"]).map((r) => r.period)).toEqual(["2017", "2018-Q3"]);
  });

  it("puts an event on the bar whose period holds it, and nowhere when no bar does", () => {
    const { bars } = compareModel([{ key: "a", points: [year(2013, 1), year(2016, 4)] }]);
    expect(barPeriodOf(bars, "2014-06-15")).toBe("2014");
    expect(barPeriodOf(bars, "2016-12-31")).toBe("2016");
    expect(barPeriodOf(bars, "2017-01-01")).toBeNull();
    expect(barPeriodOf([], "2014-06-15")).toBeNull();
  });

  it("takes daily snapshots as a frequency a link can ask for", () => {
    expect(parseExplorerView(q("frequency=d")).frequency).toBe("D");
  });
});

describe("glyphRows: event letters along the top of the plot never print over one another", () => {
  it("staggers close events into rows, drops what finds no room, keeps far ones in the first row", () => {
    const rows = glyphRows(
      [
        { id: "d1", at: 0.5 },
        { id: "far", at: 0.1 },
        { id: "d2", at: 0.505 },
        { id: "d3", at: 0.51 },
        { id: "d4", at: 0.515 },
        { id: "d5", at: 0.53 },
      ],
      0.02,
      3,
    );
    expect(Object.fromEntries(rows)).toEqual({ far: 0, d1: 0, d2: 1, d3: 2, d4: null, d5: 0 });
  });

  it("leaves no two glyphs of a row closer than the gap, whatever the input (random positions)", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const positions = Array.from({ length: 40 }, (_, i) => ({ id: `e${i}`, at: ((seed * 7919 + i * 104729) % 1000) / 1000 }));
      const rows = glyphRows(positions, 0.03, 3);
      for (let r = 0; r < 3; r++) {
        const xs = positions
          .filter((p) => rows.get(p.id) === r)
          .map((p) => p.at)
          .sort((a, b) => a - b);
        for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(0.03 - 1e-12);
      }
    }
  });
});
