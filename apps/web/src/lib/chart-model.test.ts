import { describe, expect, it } from "vitest";
import { buildChartModel, niceDomain, snapEvent, yearTicks, type ChartEvent, type ChartPoint } from "./chart-model";

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

  it("snaps events to their year and draws spans over whole periods", () => {
    const m = buildChartModel({ ...base, events: [ev("talks", "talks", "2021-04-19", "2021-04-20"), ev("decree", "decree", "2020-04-18", "2021-06-15")] });
    const talks = m.spans.find((s) => s.event.id === "talks")!;
    expect(talks.snappedPeriod).toBe("2021");
    expect(talks.exactDate).toBe("2021-04-19 – 2021-04-20");
    // The marker line sits on the 2021 data point, inside the band.
    expect(talks.xMarker).toBeCloseTo(m.points.find((p) => p.period === "2021")!.x, 6);
    const decree = m.spans.find((s) => s.event.id === "decree")!;
    const p2020 = m.points.find((p) => p.period === "2020")!;
    const p2021 = m.points.find((p) => p.period === "2021")!;
    // The band covers 2020 and 2021 entirely: it starts before the 2020 point and ends after 2021's.
    expect(decree.x).toBeLessThan(p2020.x);
    expect(decree.x2!).toBeGreaterThan(p2021.x);
  });

  it("keeps an event beyond the data inside the plot: its marker and its whole-period band", () => {
    // Annual data to 2017, a two-day talk in April 2021: drawn on mid-2021 with 2021 shaded whole.
    const m = buildChartModel({ ...base, points: [year(2013, 1), year(2017, 2)], events: [ev("talks", "talks", "2021-04-19", "2021-04-20")] });
    const band = m.spans[0]!;
    const right = m.plot.left + m.plot.width;
    expect(band.xMarker).toBeLessThan(right);
    expect(band.x2!).toBeCloseTo(right, 6);
    expect(band.x).toBeGreaterThan(m.points[1]!.x);
    expect(m.lanes[0]!.clusters[0]!.x).toBeLessThanOrEqual(right);
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
    const events = [ev("d1", "decree", "2020-04-18"), ev("d2", "decree", "2020-09-23"), ev("d3", "decree", "2015-01-01"), ev("t", "talks", "2020-05-01")];
    const m = buildChartModel({ ...base, events, minMarkerGap: 20 });
    const decrees = m.lanes.find((l) => l.kind === "decree")!;
    expect(decrees.clusters.map((c) => c.events.map((e) => e.event.id))).toEqual([["d3"], ["d1", "d2"]]);
    expect(m.lanes.find((l) => l.kind === "talks")!.clusters).toHaveLength(1);
  });

  it("extends the time axis to events outside the data", () => {
    const m = buildChartModel({ ...base, events: [ev("old", "law", "2010-06-01")] });
    expect(new Date(m.xDomain[0]).toISOString().slice(0, 10)).toBe("2010-06-01");
    expect(m.lanes[0]!.clusters[0]!.x).toBeCloseTo(m.plot.left + ((new Date("2010-07-02").getTime() - m.xDomain[0]) / (m.xDomain[1] - m.xDomain[0])) * m.plot.width, 0);
  });

  it("builds a log scale from positive values only", () => {
    const m = buildChartModel({ ...base, points: [year(2019, 0), year(2020, 50), year(2021, 5000)], events: [], log: true });
    expect(m.yDomain).toEqual([10, 10000]);
    expect(m.points.map((p) => p.period)).toEqual(["2020", "2021"]);
    expect(m.yTicks.map((t) => t.value)).toEqual([10, 100, 1000, 10000]);
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
    // 300 px holds five 56-px labels, not six: the step grows to ten years.
    expect(yearTicks(domain, 300).map((t) => t.label)).toEqual(["2000", "2010", "2020"]);
  });
});
