/**
 * One observation's key, as the URL of /observations and GET /api/observations/history carry it:
 * indicator, origin, destination (default WLD), period, breakdown (default total).
 */
import { parsePeriod } from "@corridor/data/pure";
import { ParameterError } from "./params";

export interface ObservationKey {
  indicator: string;
  origin: string;
  destination: string;
  period: string;
  breakdown: string;
}

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const COUNTRY = /^[A-Z]{3}$/;

/** Every parameter checked; an unusable one is a ParameterError that names it (a 400 in routes). */
export function parseObservationKey(params: URLSearchParams): ObservationKey {
  const text = (name: string) => params.get(name)?.trim() ?? "";
  const indicator = text("indicator");
  if (!CODE.test(indicator)) throw new ParameterError("indicator", indicator ? `"${indicator}" is not an indicator code` : "required");
  const country = (name: string, fallback?: string) => {
    const value = text(name).toUpperCase() || fallback || "";
    if (!COUNTRY.test(value)) throw new ParameterError(name, value ? `"${value}" is not an ISO alpha-3 code` : "required");
    return value;
  };
  const origin = country("origin");
  const destination = country("destination", "WLD");
  const rawPeriod = text("period");
  const period = parsePeriod(rawPeriod);
  if (!rawPeriod || !period.ok) throw new ParameterError("period", rawPeriod ? `"${rawPeriod}" is not a period (2021, 2021-Q2, 2021-04)` : "required");
  const breakdown = text("breakdown") || "total";
  if (breakdown.length > 200) throw new ParameterError("breakdown", "breakdown is too long");
  return { indicator, origin, destination, period: period.value.period, breakdown };
}

/** The page's address for one observation; defaults left out. */
export function observationHref(key: Partial<ObservationKey> & Pick<ObservationKey, "indicator" | "origin" | "period">): string {
  const q = new URLSearchParams({ indicator: key.indicator, origin: key.origin });
  if (key.destination && key.destination !== "WLD") q.set("destination", key.destination);
  q.set("period", key.period);
  if (key.breakdown && key.breakdown !== "total") q.set("breakdown", key.breakdown);
  return `/observations?${q}`;
}
