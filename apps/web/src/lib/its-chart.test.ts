/** itsChartModel: what the ITS panel draws, on a SYNTHETIC annual series fitted by the real model (fitIts). */
import { describe, expect, it } from "vitest";
import { fitIts, type ItsEstimate } from "@corridor/data";
import { ITS_MARGIN, itsChartModel, itsPlotGeometry } from "./its-chart";

/** 2005…2024 with the event in 2015 (t0 = 10): a trend, a drop of 300 after it, some wobble. */
function estimate(): ItsEstimate {
  const periods = Array.from({ length: 20 }, (_, t) => ({ t, period: String(2005 + t), value: 1000 + 40 * t - (t > 10 ? 300 : 0) + 25 * Math.sin(t * 1.9) }));
  const fit = fitIts({ rows: periods.filter((p) => p.t !== 10).map((p) => ({ ...p, season: 0 })), t0: 10, seasons: 1 });
  if (fit.status !== "ok") throw new Error(fit.reason);
  return {
    ...fit,
    reading: { level: "", slope: "", confounders: null },
    eventPeriod: "2015",
    from: "2005",
    to: "2024",
    window: 10,
    control: null,
    observed: periods.map((p) => ({ period: p.period, value: p.value })),
    confounders: [],
  };
}

describe("itsChartModel", () => {
  it("draws the counterfactual and its band after the event only, the band around it", () => {
    const model = itsChartModel(estimate(), "2015-01-01");
    expect(model.rows).toHaveLength(20);
    for (const row of model.rows) {
      const after = row.period > "2015";
      expect(row.counterfactual !== null).toBe(after);
      expect(row.band !== null).toBe(after);
      if (row.band) {
        expect(row.band[0]).toBeLessThanOrEqual(row.counterfactual!);
        expect(row.counterfactual!).toBeLessThanOrEqual(row.band[1]);
      }
    }
    // The event's period is the transition: observed, not fitted.
    expect(model.rows.find((r) => r.period === "2015")).toMatchObject({ observed: expect.any(Number), fitted: null });
  });

  it("puts periods at their middle and the event at its true date, every value inside the axes", () => {
    const model = itsChartModel(estimate(), "2015-01-01");
    expect(new Date(model.rows[0]!.t).toISOString().slice(0, 10)).toBe("2005-07-02");
    expect(new Date(model.eventT).toISOString()).toBe("2015-01-01T00:00:00.000Z");
    const values = model.rows.flatMap((r) => [r.observed, r.fitted, r.counterfactual, ...(r.band ?? [])]).filter((v): v is number => v !== null);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(model.yDomain[0]);
    expect(Math.max(...values)).toBeLessThanOrEqual(model.yDomain[1]);
    expect(model.yTicks[0]).toBe(model.yDomain[0]);
    expect(model.yTicks.at(-1)).toBeCloseTo(model.yDomain[1]);
    for (const t of model.xTicks) expect(t >= model.xDomain[0] && t <= model.xDomain[1]).toBe(true);
    expect(model.rows.every((r) => r.t > model.xDomain[0] && r.t < model.xDomain[1])).toBe(true);
  });

  it("draws only the observed series when there is no estimate", () => {
    const { observed } = estimate();
    const model = itsChartModel(
      { status: "not enough data", reason: "r", missing: ["2016"], eventPeriod: "2015", from: null, to: null, window: 10, control: null, observed: observed.slice(0, 11), confounders: [] },
      "2015-01-01",
    );
    expect(model.fitted).toBe(false);
    expect(model.rows.every((r) => r.fitted === null && r.band === null)).toBe(true);
    expect(model.rows).toHaveLength(11);
  });

  describe("itsPlotGeometry (what the page and the exports draw)", () => {
    const model = itsChartModel(estimate(), "2015-01-01", 600 - ITS_MARGIN.left - ITS_MARGIN.right);
    const g = itsPlotGeometry(model, 600, 300, "2015-06-30");
    const points = (d: string) => [...d.matchAll(/([ML])([\d.]+),([\d.]+)/g)].map((m) => ({ move: m[1] === "M", x: Number(m[2]), y: Number(m[3]) }));

    it("keeps every mark inside the plot, values growing upwards", () => {
      for (const d of [g.observed, g.fitted, g.counterfactual, g.band])
        for (const p of points(d)) {
          expect(p.x).toBeGreaterThanOrEqual(g.plot.left);
          expect(p.x).toBeLessThanOrEqual(g.plot.right);
          expect(p.y).toBeGreaterThanOrEqual(g.plot.top);
          expect(p.y).toBeLessThanOrEqual(g.plot.bottom);
        }
      expect(g.yTicks[0]!.y).toBe(g.plot.bottom);
      expect(g.yTicks.at(-1)!.y).toBeCloseTo(g.plot.top, 0);
      for (const t of g.xTicks) expect(t.x >= g.plot.left && t.x <= g.plot.right).toBe(true);
    });

    it("draws the counterfactual and band right of the event only, and breaks the fit at the event's period", () => {
      expect(points(g.counterfactual).every((p) => p.x > g.event.x)).toBe(true);
      expect(points(g.band).every((p) => p.x > g.event.x)).toBe(true);
      expect(g.band.match(/Z/g)).toHaveLength(1);
      // The event's period (2015) has no fitted value: two runs, before and after.
      expect(points(g.fitted).filter((p) => p.move)).toHaveLength(2);
      expect(points(g.observed).filter((p) => p.move)).toHaveLength(1);
      expect(g.dots).toHaveLength(20);
    });

    it("places the event at its true dates: a span from 1 January to the end of 30 June 2015", () => {
      const x = (iso: string) => g.plot.left + ((Date.parse(iso) - model.xDomain[0]) / (model.xDomain[1] - model.xDomain[0])) * (g.plot.right - g.plot.left);
      expect(g.event.x).toBeCloseTo(x("2015-01-01T00:00:00Z"), 0);
      expect(g.event.x2).toBeCloseTo(x("2015-07-01T00:00:00Z"), 0);
      expect(itsPlotGeometry(model, 600, 300).event.x2).toBeNull();
    });
  });
});
