/**
 * Query parameters → valid values or a 400 naming the parameter. Pure; shared by the read API and
 * (later) the pages, so a shareable URL means the same thing everywhere.
 */
import { CountryResolver, eventKinds, parsePeriod, type Frequency } from "@corridor/data/pure";
import { FREQUENCIES, isFrequency } from "@corridor/data/periods";

/** Next's `searchParams` object → URLSearchParams, repeated keys kept (checkbox lists arrive so). */
export function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const one of [value].flat()) if (typeof one === "string") params.append(key, one);
  return params;
}

export class ParameterError extends Error {
  constructor(readonly parameter: string, message: string) {
    super(`${parameter}: ${message}`);
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

export interface SeriesParams {
  indicator: string;
  origin: string;
  destination: string;
  frequency?: Frequency;
  from?: string;
  to?: string;
}

export function parseSeriesParams(params: URLSearchParams): SeriesParams {
  const from = periodParam(params, "from");
  const to = periodParam(params, "to");
  return {
    indicator: requiredParam(params, "indicator"),
    origin: countryParam(params, "origin"),
    destination: countryParam(params, "destination", "WLD"),
    frequency: frequencyParam(params),
    ...(from && { from }),
    ...(to && { to }),
  };
}

export interface EventParams {
  countries: string[];
  kinds: string[];
  tags: string[];
  from?: string;
  to?: string;
}

export function parseEventParams(params: URLSearchParams): EventParams {
  const list = (name: string) => params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const kinds = list("kind");
  for (const kind of kinds) if (!isKind(kind)) throw new ParameterError("kind", `"${kind}" must be one of ${eventKinds.join(", ")}`);
  const countryCodes = list("country").map((raw) => {
    const found = countries.resolve(raw);
    if (!found.ok) throw new ParameterError("country", found.reason);
    return found.code;
  });
  const from = periodParam(params, "from");
  const to = periodParam(params, "to");
  return { countries: countryCodes, kinds, tags: list("tag"), ...(from && { from }), ...(to && { to }) };
}

/** The dashboard's view. Invalid values fall back to the default: a shared link never breaks. */
export interface DashboardView {
  origin: string;
  destination: string;
  indicator: string;
  hide: string[];
}

export const DASHBOARD_DEFAULTS: DashboardView = { origin: "TJK", destination: "RUS", indicator: "remittances_received_usd", hide: [] };

export function parseDashboardView(params: URLSearchParams, indicators: string[] = []): DashboardView {
  const country = (name: "origin" | "destination") => {
    const raw = params.get(name);
    const found = raw ? countries.resolve(raw) : undefined;
    return found?.ok && found.code !== "WLD" ? found.code : DASHBOARD_DEFAULTS[name];
  };
  const indicator = params.get("indicator");
  const hide = (params.get("hide") ?? "").split(",").filter(isKind);
  return {
    origin: country("origin"),
    destination: country("destination"),
    indicator: indicator && (indicators.length === 0 || indicators.includes(indicator)) ? indicator : DASHBOARD_DEFAULTS.indicator,
    hide: [...new Set(hide)].sort(),
  };
}

/** Writes only what differs from the defaults, in a stable order. */
export function dashboardHref(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.origin !== DASHBOARD_DEFAULTS.origin) params.set("origin", view.origin);
  if (view.destination !== DASHBOARD_DEFAULTS.destination) params.set("destination", view.destination);
  if (view.indicator !== DASHBOARD_DEFAULTS.indicator) params.set("indicator", view.indicator);
  if (view.hide.length) params.set("hide", [...view.hide].sort().join(","));
  const query = params.toString();
  return query ? `/?${query}` : "/";
}
