/**
 * Query parameters → valid values or a 400 naming the parameter. Pure; shared by the read API and
 * (later) the pages, so a shareable URL means the same thing everywhere.
 */
import { CorridorError, CountryResolver, eventKinds, parsePeriod, type Frequency } from "@corridor/data/pure";
import { FREQUENCIES, isFrequency } from "@corridor/data/periods";
import { explorerHref, parseExplorerView, type ExplorerView } from "./explorer";

/** Next's `searchParams` object → URLSearchParams, repeated keys kept (checkbox lists arrive so). */
export function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const one of [value].flat()) if (typeof one === "string") params.append(key, one);
  return params;
}

/** A query parameter that means nothing valid: a 400 naming it. */
export class ParameterError extends CorridorError {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super("usage", `${parameter}: ${message}`, { parameter });
  }
}

const countries = new CountryResolver();
const isKind = (kind: string) => (eventKinds as readonly string[]).includes(kind);

export function countryParam(params: URLSearchParams, name: string, fallback?: string): string {
  const raw = params.get(name)?.trim();
  if (!raw) {
    if (fallback !== undefined) return fallback;
    throw new ParameterError(name, "is required (an ISO 3166 alpha-3 code such as TJK, or a country name)");
  }
  const found = countries.resolve(raw);
  if (!found.ok) throw new ParameterError(name, found.reason);
  return found.code;
}

export function periodParam(params: URLSearchParams, name: string): string | undefined {
  const raw = params.get(name)?.trim();
  if (!raw) return undefined;
  const parsed = parsePeriod(raw);
  if (!parsed.ok) throw new ParameterError(name, `"${raw}" ${parsed.reason}`);
  return parsed.value.period;
}

export function frequencyParam(params: URLSearchParams): Frequency | undefined {
  const raw = params.get("frequency")?.trim().toUpperCase();
  if (!raw) return undefined;
  if (!isFrequency(raw)) throw new ParameterError("frequency", `"${raw}" must be one of ${FREQUENCIES.join(", ")}`);
  return raw;
}

export function requiredParam(params: URLSearchParams, name: string): string {
  const raw = params.get(name)?.trim();
  if (!raw) throw new ParameterError(name, "is required");
  return raw;
}

/** A yes/no switch: `1`/`true` on, absent, empty, `0` or `false` off; anything else is a 400. */
export function flagParam(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name)?.trim().toLowerCase();
  if (!raw || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ParameterError(name, `"${raw}" must be 1 or 0`);
}

export interface SeriesParams {
  indicator: string;
  origin: string;
  destination: string;
  frequency?: Frequency;
  from?: string;
  to?: string;
  /** `related=1`: other corridors' events naming one of its countries, as the "related events" layer. */
  related?: true;
}

export function parseSeriesParams(params: URLSearchParams): SeriesParams {
  const from = periodParam(params, "from");
  const to = periodParam(params, "to");
  const related = flagParam(params, "related");
  return {
    indicator: requiredParam(params, "indicator"),
    origin: countryParam(params, "origin"),
    destination: countryParam(params, "destination", "WLD"),
    frequency: frequencyParam(params),
    ...(from && { from }),
    ...(to && { to }),
    ...(related && { related }),
  };
}

export interface EventParams {
  countries: string[];
  kinds: string[];
  tags: string[];
  from?: string;
  to?: string;
  /** `q`: words to find in the events' text, English or Russian. */
  text?: string;
}

export function parseEventParams(params: URLSearchParams): EventParams {
  const list = (name: string) =>
    params
      .getAll(name)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  const kinds = list("kind");
  for (const kind of kinds) if (!isKind(kind)) throw new ParameterError("kind", `"${kind}" must be one of ${eventKinds.join(", ")}`);
  const countryCodes = list("country").map((raw) => {
    const found = countries.resolve(raw);
    if (!found.ok) throw new ParameterError("country", found.reason);
    return found.code;
  });
  const from = periodParam(params, "from");
  const to = periodParam(params, "to");
  const text = params.get("q")?.trim().slice(0, 200);
  return { countries: countryCodes, kinds, tags: list("tag"), ...(from && { from }), ...(to && { to }), ...(text && { text }) };
}

/** The dashboard's view. Invalid values fall back to the default: a shared link never breaks. */
export interface DashboardView {
  origin: string;
  destination: string;
  indicator: string;
  hide: string[];
  /** Also draw other corridors' events naming one of its countries, marked "related". */
  related: boolean;
  /** The main chart's frequency; absent: the series' own (most published) one. */
  frequency?: "A" | "H" | "Q" | "M" | "D";
}

const DASHBOARD_FREQUENCIES = ["A", "H", "Q", "M", "D"] as const;

export const DASHBOARD_DEFAULTS: DashboardView = { origin: "TJK", destination: "RUS", indicator: "remittances_received_usd", hide: [], related: false };

export function parseDashboardView(params: URLSearchParams, indicators: string[] = []): DashboardView {
  const country = (name: "origin" | "destination") => {
    const raw = params.get(name);
    const found = raw ? countries.resolve(raw) : undefined;
    return found?.ok && found.code !== "WLD" ? found.code : DASHBOARD_DEFAULTS[name];
  };
  const indicator = params.get("indicator");
  const hide = (params.get("hide") ?? "").split(",").filter(isKind);
  const frequency = DASHBOARD_FREQUENCIES.find((f) => f === params.get("frequency"));
  return {
    origin: country("origin"),
    destination: country("destination"),
    indicator: indicator && (indicators.length === 0 || indicators.includes(indicator)) ? indicator : DASHBOARD_DEFAULTS.indicator,
    hide: [...new Set(hide)].sort(),
    related: params.get("related") === "1",
    ...(frequency && { frequency }),
  };
}

/**
 * What the address asked for that the view does not show (an unknown country, a code that is not
 * an origin): the dashboard says so instead of silently showing the default corridor.
 */
export function dashboardFallbacks(params: URLSearchParams, view: DashboardView): { parameter: "origin" | "destination" | "indicator"; asked: string }[] {
  const fallbacks: { parameter: "origin" | "destination" | "indicator"; asked: string }[] = [];
  for (const parameter of ["origin", "destination"] as const) {
    const asked = params.get(parameter)?.trim();
    if (!asked) continue;
    const found = countries.resolve(asked);
    if (!found.ok || found.code !== view[parameter]) fallbacks.push({ parameter, asked });
  }
  const indicator = params.get("indicator")?.trim();
  if (indicator && indicator !== view.indicator) fallbacks.push({ parameter: "indicator", asked: indicator });
  return fallbacks;
}

/** Writes only what differs from the defaults, in a stable order. */
export function dashboardHref(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.origin !== DASHBOARD_DEFAULTS.origin) params.set("origin", view.origin);
  if (view.destination !== DASHBOARD_DEFAULTS.destination) params.set("destination", view.destination);
  if (view.indicator !== DASHBOARD_DEFAULTS.indicator) params.set("indicator", view.indicator);
  if (view.hide.length) params.set("hide", [...view.hide].sort().join(","));
  if (view.related) params.set("related", "1");
  if (view.frequency) params.set("frequency", view.frequency);
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

/**
 * The dashboard's main chart as the query its exports take (/api/charts/*, /embed/series,
 * snapshots): the series it draws (`destination` is the series', WLD for flows from everywhere)
 * and what the view changes about it — frequency, hidden kinds, the related-events layer.
 */
export function dashboardChartQuery(view: DashboardView, destination: string, indicator: string): string {
  const params = new URLSearchParams({ indicator, origin: view.origin, destination });
  if (view.frequency) params.set("frequency", view.frequency);
  if (view.hide.length) params.set("hide", [...view.hide].sort().join(","));
  if (view.related) params.set("related", "1");
  return params.toString();
}

/** The chart kinds that leave the app: the event-annotated series, the explorer's comparison. */
export const CHART_KINDS = ["series", "compare"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** How a chart leaves the app: its view (series or comparison) plus the image or embed options. */
export interface ChartParams {
  kind: ChartKind;
  /** The view; absent when `version` pins a published snapshot, which carries its own. */
  series?: SeriesParams;
  compare?: ExplorerView;
  /** A published snapshot id: the chart's data frozen as it was published. */
  version?: string;
  hide: string[];
  /** Only these events (an event page's panel draws its own event alone); absent: all in range. */
  events?: string[];
  width: number;
  /** Absent: as tall as the plot and every event note need. */
  height?: number;
  theme: "light" | "dark" | "auto";
  /** Pixel density of a PNG (2 or 3 for print). */
  scale: number;
  notes: boolean;
  /** The language of the chart's words and numbers (`lang=ru`); a query parameter, so an iframe never redirects. */
  lang: "en" | "ru";
}

export function intParam(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name)?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max) throw new ParameterError(name, `"${raw}" must be a number from ${min} to ${max}`);
  return value;
}

function viewParams(params: URLSearchParams, kind: ChartKind): Pick<ChartParams, "series" | "compare"> {
  // The explorer's own parser: the same defaults and fallbacks as the page the chart comes from.
  return kind === "compare" ? { compare: parseExplorerView(params) } : { series: parseSeriesParams(params) };
}

/** `defaultTheme`: "auto" for embeds (they follow the reader's light or dark mode), "light" for images. */
export function parseChartParams(params: URLSearchParams, kind: ChartKind = "series", defaultTheme: ChartParams["theme"] = "light"): ChartParams {
  const version = params.get("version")?.trim() || undefined;
  if (version !== undefined && !/^[0-9a-f]{20}$/.test(version)) throw new ParameterError("version", `"${version}" is not a published snapshot id`);
  const theme = params.get("theme")?.trim() || defaultTheme;
  if (theme !== "light" && theme !== "dark" && theme !== "auto") throw new ParameterError("theme", `"${theme}" must be light, dark or auto`);
  const hide = (params.get("hide") ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  for (const kind of hide) if (!isKind(kind)) throw new ParameterError("hide", `"${kind}" must be one of ${eventKinds.join(", ")}`);
  const notes = params.get("notes");
  if (notes !== null && notes !== "0" && notes !== "1") throw new ParameterError("notes", `"${notes}" must be 0 or 1`);
  const height = intParam(params, "height", 200, 2400);
  const lang = params.get("lang")?.trim() || "en";
  if (lang !== "en" && lang !== "ru") throw new ParameterError("lang", `"${lang}" must be en or ru`);
  const events = (params.get("events") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of events) if (!/^[\w.-]{1,120}$/.test(id)) throw new ParameterError("events", `"${id}" is not an event id`);
  return {
    kind,
    ...(version ? {} : viewParams(params, kind)),
    ...(version && { version }),
    hide: [...new Set(hide)].sort(),
    ...(events.length && { events: [...new Set(events)].sort() }),
    width: Math.round(intParam(params, "width", 280, 2400) ?? 960),
    ...(height !== undefined && { height: Math.round(height) }),
    theme,
    scale: intParam(params, "scale", 1, 4) ?? 1,
    notes: notes !== "0",
    lang,
  };
}

/** One string per distinct chart: the cache and ETag key, and the query an embed re-requests with. */
export function chartQuery(chart: ChartParams, overrides: Partial<ChartParams> = {}): string {
  const c = { ...chart, ...overrides };
  const params = new URLSearchParams();
  if (c.version) params.set("version", c.version);
  else if (c.compare) for (const [key, value] of new URLSearchParams(explorerHref(c.compare).split("?")[1] ?? "")) params.set(key, value);
  else if (c.series) {
    params.set("indicator", c.series.indicator);
    params.set("origin", c.series.origin);
    params.set("destination", c.series.destination);
    if (c.series.frequency) params.set("frequency", c.series.frequency);
    if (c.series.from) params.set("from", c.series.from);
    if (c.series.to) params.set("to", c.series.to);
    if (c.series.related) params.set("related", "1");
  }
  if (c.hide.length) params.set("hide", c.hide.join(","));
  if (c.events?.length) params.set("events", c.events.join(","));
  if (c.width !== 960) params.set("width", String(c.width));
  if (c.height !== undefined) params.set("height", String(c.height));
  if (c.theme !== "light") params.set("theme", c.theme);
  if (c.scale !== 1) params.set("scale", String(c.scale));
  if (!c.notes) params.set("notes", "0");
  if (c.lang !== "en") params.set("lang", c.lang);
  return params.toString();
}
