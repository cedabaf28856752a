/**
 * SYNTHETIC chart data for the renderer tests (test values, not published figures): one annual
 * series TJK → RUS of "Entries (synthetic)" and events with every field the renderers read.
 */
import type { ChartData } from "@corridor/data";

type StoredChartEvent = ChartData["events"][number];

/** A verified, sure, one-day event; `extra` overrides any field (endsOn, verification, key, …). */
export function syntheticEvent(id: string, kind: string, startsOn: string, title: string, extra: Record<string, unknown> = {}): StoredChartEvent {
  return {
    id,
    kind,
    startsOn,
    endsOn: null,
    title,
    datePrecision: "day",
    announcedOn: null,
    inForceOn: null,
    expiresOn: null,
    countries: [],
    documentRef: `doc ${id}`,
    sourceUrl: `https://example.org/${id}`,
    summary: "",
    tags: [],
    verification: "verified",
    verificationNote: null,
    uncertainDates: [],
    links: [],
    ...extra,
  } as unknown as StoredChartEvent;
}

/** Annual values from `firstYear` on, each year's point with the test source. */
export function syntheticChartData(firstYear: number, values: readonly number[], events: StoredChartEvent[] = []): ChartData {
  return {
    series: {
      indicator: { code: "entries", name: "Entries (synthetic)", unit: "people", kind: "flow" },
      origin: "TJK",
      destination: "RUS",
      breakdown: "total",
      frequency: "A",
      points: values.map((value, i) => {
        const y = firstYear + i;
        return { period: String(y), start: `${y}-01-01`, end: `${y}-12-31`, value, source: "Synthetic test source" };
      }),
    },
    events,
  } as ChartData;
}
