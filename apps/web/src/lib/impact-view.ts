/**
 * The event page's impact panels in the URL, and the query of a panel's exports. Pure. Each panel
 * keeps its own control corridor — `?control.remittances_received_usd.TJK-WLD=KGZ-WLD` — so a link
 * holds the whole view, the picker is plain links (no JavaScript) and one panel's choice leaves the
 * others alone.
 */
import { countryParam, intParam, ParameterError, requiredParam } from "./params";

export interface Corridor {
  origin: string;
  destination: string;
}

export interface PanelId extends Corridor {
  indicator: string;
}

const CONTROL = "control.";

/** "remittances_received_usd.TJK-WLD": the panel's URL key and (prefixed) its anchor. */
export const panelKey = (p: PanelId) => `${p.indicator}.${p.origin}-${p.destination}`;
export const panelAnchor = (p: PanelId) => `impact-${panelKey(p)}`;
export const corridorText = (c: Corridor) => `${c.origin}-${c.destination}`;

/** "KGZ-WLD" → a corridor; anything else names the parameter and what it should be. */
export function parseCorridor(raw: string, parameter: string): Corridor {
  const match = /^([A-Za-z]{3})-([A-Za-z]{3})$/.exec(raw.trim());
  if (!match) throw new ParameterError(parameter, `"${raw}" must be a corridor ORIGIN-DESTINATION in ISO 3166 alpha-3 codes, such as KGZ-WLD`);
  const params = new URLSearchParams({ origin: match[1]!, destination: match[2]! });
  return { origin: countryParam(params, "origin"), destination: countryParam(params, "destination") };
}

export interface PanelControls {
  /** The chosen control corridor by panel key. */
  controls: Map<string, Corridor>;
  /** A control parameter that means nothing, by panel key: the panel says so instead of failing the page. */
  errors: Map<string, string>;
}

export function parseControls(params: URLSearchParams): PanelControls {
  const controls = new Map<string, Corridor>();
  const errors = new Map<string, string>();
  for (const [name, value] of params) {
    if (!name.startsWith(CONTROL) || !value) continue;
    const key = name.slice(CONTROL.length);
    try {
      controls.set(key, parseCorridor(value, name));
    } catch (error) {
      errors.set(key, (error as Error).message);
    }
  }
  return { controls, errors };
}

/** The page's URL with this panel's control set (or cleared), the other panels' kept, back at the panel. */
export function controlHref(path: string, params: URLSearchParams, panel: PanelId, control: Corridor | null): string {
  const next = new URLSearchParams(params);
  const name = `${CONTROL}${panelKey(panel)}`;
  if (control) next.set(name, corridorText(control));
  else next.delete(name);
  next.sort();
  const query = next.toString();
  return `${path}${query ? `?${query}` : ""}#${panelAnchor(panel)}`;
}

export const IMPACT_FORMATS = ["svg", "png", "pdf", "csv", "json"] as const;
export type ImpactFormat = (typeof IMPACT_FORMATS)[number];

export interface ImpactExportParams extends PanelId {
  event: string;
  control: Corridor | null;
  width: number;
  theme: "light" | "dark";
  scale: number;
  download: boolean;
  /** The language of the image's words and numbers (`lang=ru`); CSV and JSON stay machine-stable. */
  lang: "en" | "ru";
}

/** /api/charts/impact.FORMAT?… for one panel: what the panel shows, nothing else. */
export function impactExportHref(format: ImpactFormat, p: Pick<ImpactExportParams, "event" | "indicator" | "origin" | "destination" | "control">, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ event: p.event, indicator: p.indicator, origin: p.origin, destination: p.destination, ...(p.control && { control: corridorText(p.control) }), ...extra });
  return `/api/charts/impact.${format}?${query}`;
}

export function parseImpactExportParams(params: URLSearchParams): ImpactExportParams {
  const theme = params.get("theme")?.trim() || "light";
  if (theme !== "light" && theme !== "dark") throw new ParameterError("theme", `"${theme}" must be light or dark`);
  const control = params.get("control")?.trim();
  const lang = params.get("lang")?.trim() || "en";
  if (lang !== "en" && lang !== "ru") throw new ParameterError("lang", `"${lang}" must be en or ru`);
  return {
    event: requiredParam(params, "event"),
    indicator: requiredParam(params, "indicator"),
    origin: countryParam(params, "origin"),
    destination: countryParam(params, "destination", "WLD"),
    control: control ? parseCorridor(control, "control") : null,
    width: Math.round(intParam(params, "width", 280, 2400) ?? 960),
    theme,
    scale: intParam(params, "scale", 1, 4) ?? 1,
    download: params.get("download") === "1",
    lang,
  };
}
