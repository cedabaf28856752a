/**
 * What a chart shows, in words: the one title for the dashboard, the explorer, SVG/PNG, embeds and
 * the CSV/JSON downloads, so no view can call a chart of remittances from all countries by a corridor's name.
 */
import { countryName, WORLD } from "./countries.ts";
import { indicatorName } from "./catalog-names.ts";
import { unitName } from "./format.ts";

export { countryName };

export const FREQUENCY_NAME: Record<string, string> = { A: "annual", H: "half-yearly", Q: "quarterly", M: "monthly", D: "daily snapshots" };
const FREQUENCY_NAME_RU: Record<string, string> = { A: "годовые данные", H: "полугодовые данные", Q: "квартальные данные", M: "месячные данные", D: "ежедневные срезы" };

const isRu = (locale: string) => locale.split("-")[0]!.toLowerCase() === "ru";

/** "annual" / "годовые данные"; "no data" / "нет данных" for none. */
export function frequencyName(frequency: string | null | undefined, locale = "en"): string {
  return (isRu(locale) ? FREQUENCY_NAME_RU : FREQUENCY_NAME)[frequency ?? ""] ?? (isRu(locale) ? "нет данных" : "no data");
}

export interface TitledSeries {
  indicator: { code?: string; name: string; unit: string };
  origin: string;
  destination: string;
  frequency: string | null;
  points: readonly { period: string }[];
}

/** "Tajikistan, from all countries" or "Tajikistan → Russian Federation" (the migrants' direction). */
export function corridorWords(origin: string, destination: string, locale = "en"): string {
  if (isRu(locale)) return destination === WORLD ? `${countryName(origin, locale)}, из всех стран` : `${countryName(origin, locale)} → ${countryName(destination, locale)}`;
  return destination === WORLD ? `${countryName(origin)}, from all countries` : `${countryName(origin)} → ${countryName(destination)}`;
}

/**
 * title: "Personal remittances, received: Tajikistan, from all countries (current US$, annual)";
 * subtitle: the periods drawn, "2002–2024".
 */
export function seriesTitle(s: TitledSeries, locale = "en"): { title: string; subtitle: string } {
  const first = s.points[0]?.period;
  const last = s.points.at(-1)?.period;
  const span = first ? (first === last ? first : `${first}–${last}`) : isRu(locale) ? "нет данных" : "no data";
  const frequency = frequencyName(s.frequency, locale);
  const name = indicatorName(s.indicator, locale);
  return { title: `${name}: ${corridorWords(s.origin, s.destination, locale)} (${unitName(s.indicator.unit, locale)}, ${frequency})`, subtitle: span };
}

// Older than this many years before today's: a reader would otherwise take the figure for a current one.
const STALE_YEARS = 2;

/** Whether a card must say "latest published: 2017" rather than show the period as if it were current. */
export function isStale(periodEnd: string, today: Date = new Date()): boolean {
  return Number(periodEnd.slice(0, 4)) < today.getUTCFullYear() - STALE_YEARS;
}
