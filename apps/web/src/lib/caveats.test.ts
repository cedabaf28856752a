/** The one home for how an event's caveats look and read (chart-model): every chart host draws from it. */
import { describe, expect, it } from "vitest";
import { buildChartModel, caveatLegend, eventCaveats, labelText, markStyle, type ChartEvent } from "./chart-model";

const base: ChartEvent = { id: "e", title: "State Duma adopts the law on an expulsion regime register", kind: "law", startsOn: "2024-06-01", endsOn: null };

describe("event caveats", () => {
  it("a verified, sure event has none: plain marks, no legend entry", () => {
    expect(eventCaveats(base)).toEqual([]);
    expect(markStyle({ ...base, endsOn: "2024-06-30" })).toEqual({
      line: { dash: "4 3", opacity: 1 },
      start: { dash: "", opacity: 0.9 },
      end: { dash: "", opacity: 0.9 },
      fillOpacity: 0.18,
      fade: null,
    });
    expect(caveatLegend([base, { ...base, verification: "verified", uncertainDates: [] }])).toEqual([]);
  });

  it("says unverified with its note (its full stop dropped) and which date is uncertain", () => {
    const law = { ...base, verification: "unverified", verificationNote: "Month only from a weak mirror source.", uncertainDates: ["start"] };
    expect(eventCaveats(law)).toEqual(["unverified — Month only from a weak mirror source", "date uncertain"]);
    expect(eventCaveats({ ...base, endsOn: "2020-06-15", uncertainDates: ["start", "end"] })).toEqual(["start date uncertain", "end date uncertain"]);
    // An uncertain end on an event without one says nothing.
    expect(eventCaveats({ ...base, uncertainDates: ["end"] })).toEqual([]);
  });

  it("draws an unverified span lighter with dash-dot edges, and an uncertain end dotted, faint and fading", () => {
    const span = { ...base, endsOn: "2020-06-15" };
    expect(markStyle({ ...span, verification: "unverified" })).toMatchObject({ start: { dash: "8 3 2 3" }, end: { dash: "8 3 2 3" }, fillOpacity: 0.09, fade: null });
    expect(markStyle({ ...span, uncertainDates: ["end"] })).toMatchObject({ start: { dash: "", opacity: 0.9 }, end: { dash: "1.5 3", opacity: 0.55 }, fade: "end" });
    expect(markStyle({ ...span, uncertainDates: ["start", "end"] }).fade).toBe("both");
  });

  it("gives a month-precision date as its month in the tooltip, not a made-up first day", () => {
    const model = (e: ChartEvent) => buildChartModel({ points: [], events: [e], frequency: "A", width: 800, height: 300 }).events[0]!.exactDate;
    expect(model({ ...base, datePrecision: "month" })).toBe("2024-06");
    expect(model({ ...base, startsOn: "2024-01-01", endsOn: "2024-12-31", datePrecision: "year" })).toBe("2024");
    expect(model({ ...base, startsOn: "2024-06-03", datePrecision: "day" })).toBe("2024-06-03");
  });

  it("keeps '(unverified)' on a cut label, and lists only the legend entries drawn", () => {
    const law = { ...base, verification: "unverified" };
    expect(labelText(law)).toBe("State Duma adopts the law o… (unverified)");
    expect(labelText({ ...law, label: "Expulsion regime law" })).toBe("Expulsion regime law (unverified)");
    expect(caveatLegend([law]).map((l) => l.label)).toEqual(["unverified event (hollow marker)"]);
    expect(caveatLegend([base, { ...base, endsOn: "2020-06-15", uncertainDates: ["end"] }]).map((l) => l.label)).toEqual(["uncertain date (faded end)"]);
  });
});
