/**
 * What a chart shows, in words: the one title for the dashboard, the explorer, SVG/PNG, embeds and
 * the CSV/JSON downloads, so no view can call a chart of remittances from all countries by a corridor's name.
 */
import { COUNTRY_RECORDS, WORLD } from "./countries.ts";

const NAMES = new Map(COUNTRY_RECORDS.map((c) => [c.code, c.nameEn]));
export const countryName = (code: string): string => (code === WORLD ? "all countries" : (NAMES.get(code) ?? code));

export const FREQUENCY_NAME: Record<string, string> = { A: "annual", H: "half-yearly", Q: "quarterly", M: "monthly", D: "daily snapshots" };

export interface TitledSeries {
  indicator: { name: string; unit: string };
  origin: string;
  destination: string;
  frequency: string | null;
  points: readonly { period: string }[];
}

/** "Tajikistan, from all countries" or "Tajikistan → Russian Federation" (the migrants' direction). */
export function corridorWords(origin: string, destination: string): string {
  return destination === WORLD ? `${countryName(origin)}, from all countries` : `${countryName(origin)} → ${countryName(destination)}`;
}

/**
 * title: "Personal remittances, received: Tajikistan, from all countries (current US$, annual)";
 * subtitle: the periods drawn, "2002–2024".
 */
export function seriesTitle(s: TitledSeries): { title: string; subtitle: string } {
  const first = s.points[0]?.period;
  const last = s.points.at(-1)?.period;
  const span = first ? (first === last ? first : `${first}–${last}`) : "no data";
  const frequency = FREQUENCY_NAME[s.frequency ?? ""] ?? "no data";
  return { title: `${s.indicator.name}: ${corridorWords(s.origin, s.destination)} (${s.indicator.unit}, ${frequency})`, subtitle: span };
}

// Older than this many years before today's: a reader would otherwise take the figure for a current one.
const STALE_YEARS = 2;

/** Whether a card must say "latest published: 2017" rather than show the period as if it were current. */
export function isStale(periodEnd: string, today: Date = new Date()): boolean {
  return Number(periodEnd.slice(0, 4)) < today.getUTCFullYear() - STALE_YEARS;
}
