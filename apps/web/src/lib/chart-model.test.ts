import { describe, expect, it } from "vitest";
import {
  buildChartModel,
  HEADROOM_BASIS,
  LABEL_ROW,
  labelHeadroom,
  MAX_LABEL_ROWS,
  withHeadroom,
  valuesNotShown,
  sparseSeriesSentence,
  isKeyEvent,
  labelText,
  MIN_DOMAIN,
  placeLabels,
  niceDomain,
  padDomain,
  periodNote,
  snapEvent,
  yearTicks,
  type ChartEvent,
  type ChartPoint,
} from "./chart-model";

const year = (y: number, value: number): ChartPoint => ({ period: String(y), start: `${y}-01-01`, end: `${y}-12-31`, value });
const ev = (id: string, kind: ChartEvent["kind"], startsOn: string, endsOn: string | null = null): ChartEvent => ({ id, title: id, kind, startsOn, endsOn });

describe("snapEvent", () => {
  it("puts a day-dated event in the period that contains it", () => {
    expect(snapEvent("2021-04-19", "A").period).toBe("2021");
    expect(snapEvent("2021-04-19", "Q").period).toBe("2021-Q2");
    expect(snapEvent("2021-04-19", "M").period).toBe("2021-04");
    expect(snapEvent("2021-04-19", "D").period).toBe("2021-04-19");
    expect(snapEvent("2021-04-19", null).period).toBeNull();
  });
  it("aligns with the period's data point (its middle)", () => {
    expect(snapEvent("2021-01-03", "A").t).toBe(snapEvent("2021-12-30", "A").t);
    expect(new Date(snapEvent("2021-04-19", "A").t).toISOString().slice(0, 10)).toBe("2021-07-02");
  });
});

describe("buildChartModel", () => {
  const points = [year(2015, 10), year(2020, 20), year(2021, 30)];
  const base = { points, frequency: "A" as const, width: 800, height: 400, margin: { top: 0, right: 0, bottom: 20, left: 0 } };

  it("keeps a real time axis: a five-year gap is five times one year", () => {
    const m = buildChartModel({ ...base, events: [] });
    const [a, b, c] = m.points;
    expect((b!.x - a!.x) / (c!.x - b!.x)).toBeCloseTo(5, 1);
    expect(m.points[0]!.x).toBeGreaterThan(0);
  });

  const xOf = (m: ReturnType<typeof buildChartModel>, iso: string) => m.plot.left + ((Date.parse(`${iso}T00:00:00Z`) - m.xDomain[0]) / (m.xDomain[1] - m.xDomain[0])) * m.plot.width;

  it("draws each event once at its true dates; the holding period is a highlight, not a band", () => {
    const m = buildChartModel({ ...base, events: [ev("talks", "talks", "2021-04-19", "2021-04-20"), ev("decree", "decree", "2020-04-18", "2021-06-15")] });
    expect(m.events).toHaveLength(2);
    const talks = m.events.find((s) => s.event.id === "talks")!;
    expect(talks.snappedPeriod).toBe("2021");
    expect(talks.exactDate).toBe("2021-04-19 – 2021-04-20");
    // From 19 April to the end of 20 April, not over 2021 and not on the mid-year data point.
    expect(talks.x).toBeCloseTo(xOf(m, "2021-04-19"), 6);
    expect(talks.x2!).toBeCloseTo(xOf(m, "2021-04-21"), 6);
    expect(talks.x).not.toBeCloseTo(m.points.find((p) => p.period === "2021")!.x, 0);
    // Its lane marker is at the same x: one mark.
    expect(m.lanes.find((l) => l.kind === "talks")!.clusters[0]!.x).toBeCloseTo(talks.x, 6);
    // The year is kept for the hover highlight, with the sentence the tooltip shows.
    expect(talks.period).toMatchObject({ x: xOf(m, "2021-01-01"), note: "the 2021 value covers the whole year" });
    expect(talks.period!.x2).toBeCloseTo(xOf(m, "2022-01-01"), 6);
    const decree = m.events.find((s) => s.event.id === "decree")!;
    expect(decree.x).toBeCloseTo(xOf(m, "2020-04-18"), 6);
    expect(decree.x2!).toBeCloseTo(xOf(m, "2021-06-16"), 6);
  });

  it("draws a one-day event as a point (no span) and names the period by frequency", () => {
    const q = buildChartModel({ ...base, frequency: "Q", events: [ev("d", "decree", "2020-05-06")] });
    expect(q.events[0]!.x2).toBeNull();
    expect(q.spans).toHaveLength(0);
    expect(q.events[0]!.period!.note).toBe("the 2020-Q2 value covers the whole quarter");
    expect(periodNote("2020-05", "M")).toBe("the 2020-05 value covers the whole month");
    // Daily data: the value is the day itself, nothing to highlight.
    expect(buildChartModel({ ...base, frequency: "D", events: [ev("d", "decree", "2020-05-06")] }).events[0]!.period).toBeNull();
  });

  it("keeps an event beyond the data inside the plot at its true date", () => {
    // Annual data to 2017, a two-day talk in April 2021: the axis ends with the talks, not with 2021.
    const m = buildChartModel({ ...base, points: [year(2013, 1), year(2017, 2)], events: [ev("talks", "talks", "2021-04-19", "2021-04-20")] });
    const band = m.events[0]!;
    const right = m.plot.left + m.plot.width;
    expect(band.x2!).toBeCloseTo(right, 6);
    expect(band.x).toBeGreaterThan(m.points[1]!.x);
    expect(m.lanes[0]!.clusters[0]!.x).toBeCloseTo(band.x, 6);
  });

  it("gives each kind its own lane under the plot, in a fixed order, and honours hidden kinds", () => {
    const events = [ev("a", "decree", "2020-04-18"), ev("b", "talks", "2021-04-19"), ev("c", "enforcement", "2021-04-16")];
    const m = buildChartModel({ ...base, events, laneHeight: 20 });
    expect(m.lanes.map((l) => l.kind)).toEqual(["talks", "decree", "enforcement"]);
    const ys = m.lanes.map((l) => l.y);
    expect(new Set(ys).size).toBe(3);
    expect(Math.min(...ys)).toBeGreaterThan(m.plot.top + m.plot.height);
    const hidden = buildChartModel({ ...base, events, hiddenKinds: ["decree"] });
    expect(hidden.lanes.map((l) => l.kind)).toEqual(["talks", "enforcement"]);
    expect(hidden.plot.height).toBeGreaterThan(m.plot.height);
  });

  it("clusters close markers of one kind into one badge, but not markers of different kinds", () => {
    const events = [ev("d1", "decree", "2020-04-18"), ev("d2", "decree", "2020-05-20"), ev("d3", "decree", "2015-01-01"), ev("t", "talks", "2020-05-01")];
    const m = buildChartModel({ ...base, events, minMarkerGap: 20 });
    const decrees = m.lanes.find((l) => l.kind === "decree")!;
    expect(decrees.clusters.map((c) => c.events.map((e) => e.event.id))).toEqual([["d3"], ["d1", "d2"]]);
    expect(m.lanes.find((l) => l.kind === "talks")!.clusters).toHaveLength(1);
  });

  it("extends the time axis to events outside the data", () => {
    const m = buildChartModel({ ...base, events: [ev("old", "law", "2010-06-01")] });
    expect(new Date(m.xDomain[0]).toISOString().slice(0, 10)).toBe("2010-06-01");
    expect(m.lanes[0]!.clusters[0]!.x).toBeCloseTo(xOf(m, "2010-06-01"), 6);
  });

  it("builds a log scale from positive values only", () => {
    const m = buildChartModel({ ...base, points: [year(2019, 0), year(2020, 50), year(2021, 5000)], events: [], log: true });
    expect(m.yDomain).toEqual([10, 10000]);
    expect(m.points.map((p) => p.period)).toEqual(["2020", "2021"]);
    expect(m.yTicks.map((t) => t.value)).toEqual([10, 100, 1000, 10000]);
  });
});

describe("any data shape", () => {
  const day = (d: string, value: number): ChartPoint => ({ period: d, start: d, end: d, value });
  const size = { width: 600, height: 300, margin: { top: 0, right: 0, bottom: 0, left: 0 } };
  const mid = (m: ReturnType<typeof buildChartModel>) => m.plot.left + m.plot.width / 2;

  it("centres a lone value in a padded year, not on the y-axis", () => {
    const m = buildChartModel({ ...size, points: [day("2021-04-16", 49_000)], events: [], frequency: "D" });
    expect(m.xDomain[1] - m.xDomain[0]).toBe(MIN_DOMAIN);
    expect(m.points[0]!.x).toBeCloseTo(mid(m), 6);
    expect(m.xTicks.map((t) => t.label)).toEqual(["2021"]);
    expect(m.yDomain[0]).toBe(0);
    expect(m.yDomain[1]).toBeGreaterThanOrEqual(49_000);
  });

  it("keeps two points apart and inside the plot", () => {
    const m = buildChartModel({ ...size, points: [day("2021-04-16", 1), day("2021-04-17", 2)], events: [], frequency: "D" });
    const [a, b] = m.points;
    expect(a!.x).toBeGreaterThan(0);
    expect(b!.x).toBeLessThan(size.width);
    expect(b!.x).toBeGreaterThan(a!.x);
  });

  it("draws an event on a single-date chart as a narrow mark, never a band over the whole plot", () => {
    const m = buildChartModel({ ...size, points: [day("2021-04-16", 49_000)], events: [ev("talks", "talks", "2021-04-19", "2021-04-20")], frequency: "D" });
    const e = m.events[0]!;
    expect(e.x2! - e.x).toBeLessThan(m.plot.width / 50);
    expect(e.period).toBeNull();
  });

  it("renders no values at all: an empty axis, no points", () => {
    const m = buildChartModel({ ...size, points: [], events: [], frequency: null });
    expect(m.points).toEqual([]);
    expect(m.yDomain).toEqual([0, 1]);
  });

  it("keeps a series that ends before every event, with the events at their dates", () => {
    const m = buildChartModel({ ...size, points: [year(2013, 5), year(2014, 6)], events: [ev("late", "law", "2020-01-01")], frequency: "A" });
    expect(m.points.every((p) => p.x < m.events[0]!.x)).toBe(true);
    expect(m.events[0]!.x).toBeLessThanOrEqual(size.width);
  });

  it("says when a series has one value or none", () => {
    const iso = (d: string) => d;
    expect(sparseSeriesSentence([day("2021-04-16", 1)], iso)).toBe("one value, on 2021-04-16");
    expect(sparseSeriesSentence([year(2021, 1)], iso)).toBe("one value, for 2021");
    expect(sparseSeriesSentence([], iso)).toBe("no values");
    expect(sparseSeriesSentence([year(2020, 1), year(2021, 2)], iso)).toBeNull();
  });

  it("pads a domain symmetrically only when it is shorter than the minimum", () => {
    expect(padDomain([0, 10], 20)).toEqual([-5, 15]);
    expect(padDomain([0, 30], 20)).toEqual([0, 30]);
  });
});

describe("domains and ticks", () => {
  it("starts linear domains at zero and rounds them", () => {
    expect(niceDomain([787000, 1316569])).toEqual([0, 1500000]);
    expect(niceDomain([-3, 7])).toEqual([-4, 8]);
    expect(niceDomain([])).toEqual([0, 1]);
  });
  it("spaces year ticks so that labels fit", () => {
    const domain: [number, number] = [Date.UTC(2000, 0, 1), Date.UTC(2025, 0, 1)];
    expect(yearTicks(domain, 2000).length).toBe(26);
    expect(yearTicks(domain, 400).map((t) => t.label)).toEqual(["2000", "2005", "2010", "2015", "2020", "2025"]);
    // 300 px: 12 px a year, so five years are 60 px apart, enough for a 56-px label; 250 px: 50 px, not enough.
    expect(yearTicks(domain, 300).map((t) => t.label)).toEqual(["2000", "2005", "2010", "2015", "2020", "2025"]);
    expect(yearTicks(domain, 250).map((t) => t.label)).toEqual(["2000", "2010", "2020"]);
  });
});

describe("direct labels", () => {
  const overlaps = (a: { left: number; width: number; row: number }, b: { left: number; width: number; row: number }) => a.row === b.row && a.left < b.left + b.width && b.left < a.left + a.width;

  it("stacks clustered labels in rows so that no two boxes overlap", () => {
    // Five events within 20 px, labels 80 px wide: each needs its own row.
    const boxes = [0, 5, 10, 15, 20].map((dx, i) => ({ id: `e${i}`, x: 200 + dx, width: 80 }));
    const placed = placeLabels(boxes, { left: 0, right: 600, maxRows: 5 });
    expect(placed).toHaveLength(5);
    for (const a of placed) for (const b of placed) if (a !== b) expect(overlaps(a, b)).toBe(false);
    expect(new Set(placed.map((p) => p.row)).size).toBe(5);
  });

  it("shares a row when labels are far apart, and leaves out what does not fit in maxRows", () => {
    const far = placeLabels(
      [
        { id: "a", x: 10, width: 50 },
        { id: "b", x: 200, width: 50 },
      ],
      { left: 0, right: 600 },
    );
    expect(far.map((p) => p.row)).toEqual([0, 0]);
    const crowded = placeLabels(
      [0, 1, 2, 3].map((i) => ({ id: `c${i}`, x: 100 + i, width: 60 })),
      { left: 0, right: 600, maxRows: 2 },
    );
    expect(crowded.map((p) => p.id)).toEqual(["c0", "c1"]);
  });

  it("places an analyst's key events first when rows run out, and still never overlaps", () => {
    const boxes = [0, 1, 2, 3].map((i) => ({ id: `c${i}`, x: 100 + i, width: 60, priority: i === 3 ? 1 : 0 }));
    const placed = placeLabels(boxes, { left: 0, right: 600, maxRows: 2 });
    expect(placed.map((p) => p.id)).toEqual(["c0", "c3"]);
    const mixed = placeLabels(
      [
        { id: "late", x: 300, width: 100, priority: 1 },
        { id: "early", x: 250, width: 40 },
        { id: "wide", x: 260, width: 100 },
      ],
      { left: 0, right: 600, maxRows: 2 },
    );
    for (const a of mixed) for (const b of mixed) if (a !== b) expect(overlaps(a, b)).toBe(false);
    expect(mixed.map((p) => [p.id, p.row])).toEqual([
      ["early", 0],
      ["wide", 1],
      ["late", 0],
    ]);
  });

  it("keeps every box inside the plot: a label near the right edge ends at its event", () => {
    const [p] = placeLabels([{ id: "r", x: 590, width: 80 }], { left: 0, right: 600 });
    expect(p!.left).toBe(510);
    expect(p!.left + p!.width).toBeLessThanOrEqual(600);
  });

  it("labels talks, agreements, decrees and laws unless an analyst says otherwise", () => {
    expect(isKeyEvent({ kind: "talks" })).toBe(true);
    expect(isKeyEvent({ kind: "enforcement" })).toBe(false);
    expect(isKeyEvent({ kind: "talks", key: false })).toBe(false);
    expect(isKeyEvent({ kind: "economic", key: true })).toBe(true);
    expect(labelText({ title: "A very long title about a migration agreement signed", label: "Founding talks" })).toBe("Founding talks");
    expect(labelText({ title: "A very long title about a migration agreement signed" }, 20)).toBe("A very long title a…");
  });
});

describe("values not shown", () => {
  it("names every other frequency with its count and range, never the one drawn", () => {
    const ranges = [
      { frequency: "A" as const, first: "2013", last: "2017", count: 5 },
      { frequency: "Q" as const, first: "2017-Q3", last: "2018-Q3", count: 2 },
    ];
    expect(valuesNotShown(ranges, "A").map((n) => n.sentence)).toEqual(["2 quarterly values not shown (2017-Q3 to 2018-Q3)"]);
    expect(valuesNotShown(ranges, "Q").map((n) => n.sentence)).toEqual(["5 annual values not shown (2013 to 2017)"]);
    expect(valuesNotShown([{ frequency: "M", first: "2020-01", last: "2020-01", count: 1 }], "A")[0]!.sentence).toBe("1 monthly value not shown (2020-01)");
    expect(valuesNotShown(ranges.slice(0, 1), "A")).toEqual([]);
  });
});

describe("label headroom", () => {
  // The label boxes' bottom edge in row `rows - 1` (DirectLabels: top + 2 + row * LABEL_ROW, LABEL_ROW - 2 tall).
  const labelsBottom = (m: ReturnType<typeof buildChartModel>, rows: number) => m.plot.top + 2 + (rows - 1) * LABEL_ROW + LABEL_ROW - 2;
  const size = { width: 800, height: HEADROOM_BASIS, margin: { top: 0, right: 0, bottom: 0, left: 0 }, frequency: "A" as const, laneHeight: 0 };

  it("keeps the highest value below the direct labels, even on the smallest plot", () => {
    // 2024's value is exactly a nice round top: without headroom it would sit on the plot's top edge.
    const points = [year(2020, 500), year(2022, 800), year(2024, 1000)];
    const bare = buildChartModel({ ...size, points, events: [ev("crash", "economic", "2014-12-16")] });
    expect(bare.labelRows).toBe(0);
    expect(bare.yDomain).toEqual([0, 1000]);
    const one = buildChartModel({ ...size, points, events: [ev("talks", "talks", "2024-04-19")] });
    expect(one.labelRows).toBe(1);
    expect(Math.min(...one.points.map((p) => p.y))).toBeGreaterThan(labelsBottom(one, 1));
    const many = buildChartModel({ ...size, points, events: ["2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01"].map((d, i) => ev(`t${i}`, "decree", d)) });
    expect(many.labelRows).toBe(MAX_LABEL_ROWS);
    expect(Math.min(...many.points.map((p) => p.y))).toBeGreaterThan(labelsBottom(many, MAX_LABEL_ROWS));
  });

  it("leaves a domain with room to spare as it is, and rounds a raised one to a nice step", () => {
    expect(withHeadroom([0, 1000], [500], labelHeadroom(1))).toEqual([0, 1000]);
    // 1000 needs a top of 1000 / (1 - 21/200) ≈ 1117; ticks then step by 250, so the top is 1250.
    expect(withHeadroom([0, 1000], [1000], labelHeadroom(1))).toEqual([0, 1250]);
    expect(withHeadroom([1, 1000], [1000], labelHeadroom(1), true)).toEqual([1, 10_000]);
    expect(withHeadroom([0, 1], [], labelHeadroom(3))).toEqual([0, 1]);
  });
});
