/**
 * What an event's page (`/events/[id]`) loads on the server: the event, its edit history and the
 * impact panels — every indicator of the event's corridors with an interrupted-time-series estimate
 * (against the control corridor the URL names, if any) beside the plain ±2-period comparison, the
 * control corridors a panel may pick, and the titles of the other events in each window. The origin's
 * own flows come first (Tajikistan's for Russian–Tajik talks), then the rest. The page only renders.
 */
// No `import "server-only"`: the pages-router brief (/events/ID/brief.pdf) loads this too, and that
// marker throws outside the react-server build (see db.ts).
import {
  concernsCorridor,
  corridorCountries,
  CorridorError,
  corridors,
  type CorridorFilter,
  events,
  eventVersions,
  getEvent,
  impact,
  seriesSources,
  type Corridor as CorridorRow,
  type EventDetail,
  type Impact,
  type SeriesSource,
} from "@corridor/data";
import { db } from "@/server/db";
import { versionHistory, type HistoryEntry } from "@/lib/event-form";
import { panelKey, parseControls, type Corridor } from "@/lib/impact-view";
import { DASHBOARD_DEFAULTS } from "@/lib/params";
import { orderPanels } from "@/lib/panel-order";

export interface ControlOption extends Corridor {
  name: string;
}

export interface ImpactPanel {
  impact: Impact;
  originName: string;
  destinationName: string;
  /** Where the panel's values come from (its footer and the page's Sources section). */
  sources: SeriesSource[];
  /** The control corridors this panel may be compared against: same indicator, not concerned by the event. */
  controlOptions: ControlOption[];
  /** The chosen control, as the URL has it (also when it could not be used: then `controlError` says why). */
  control: Corridor | null;
  controlError: string | null;
  /** Why there is no interrupted time series at all (a daily series), when there is none. */
  itsError: string | null;
}

/** Corridors in the order a reader of this event wants them: the migrants' origins first, the dashboard's own first of all. */
function byOrigin(event: EventDetail, relevant: CorridorRow[]): CorridorRow[] {
  const named = new Set(event.countries.map((c) => c.code));
  // An origin is the event's "sending" side when it is affected, or has a corridor to another country the event names.
  const sending = new Set(
    relevant.filter((c) => event.countries.some((x) => x.code === c.origin && x.role === "affected") || (c.destination !== c.origin && named.has(c.destination))).map((c) => c.origin),
  );
  // Among them the dashboard's own origin (Tajikistan) first, as on every other page.
  const rank = (c: CorridorRow) => (sending.has(c.origin) ? (c.origin === DASHBOARD_DEFAULTS.origin ? 0 : 1) : 2);
  return [...relevant].sort((a, b) => rank(a) - rank(b));
}

/**
 * Up to six corridors a panel may be compared against: with its indicator, not concerned by the
 * event, those into the panel's destination first. Read as the corridors into that destination,
 * and only when they are not enough every corridor with the indicator (`read`: corridors(), kept
 * for the request), so the page reads what it offers rather than the whole list.
 */
async function controlOptions(event: EventDetail, panel: CorridorRow, indicator: string, read: (filter: CorridorFilter) => Promise<CorridorRow[]>): Promise<ControlOption[]> {
  const usable = (c: CorridorRow) => c.origin !== "WLD" && !(c.origin === panel.origin && c.destination === panel.destination) && !concernsCorridor(event, c.origin, c.destination);
  let found = (await read({ indicator, destinations: [panel.destination] })).filter(usable);
  if (found.length < 6) found = [...found, ...(await read({ indicator })).filter((c) => c.destination !== panel.destination && usable(c))];
  return found.slice(0, 6).map((c) => ({ origin: c.origin, destination: c.destination, name: `${c.originName} → ${c.destinationName}` }));
}

/** undefined when there is no such event. `params`: the page's query (per-panel control corridors). */
export async function eventPageData(
  id: string,
  params: URLSearchParams,
): Promise<{ event: EventDetail; history: HistoryEntry[]; panels: ImpactPanel[]; eventTitles: Map<string, string> } | undefined> {
  const event = await getEvent(await db(), id);
  if (!event) return undefined;
  const history = versionHistory(await eventVersions(await db(), id), event);
  const { controls, errors } = parseControls(params);

  // The corridors the event concerns (the rule their charts use) are among those touching a country it
  // names (WLD stands for any); all origins together (WLD → B) are left out.
  const named = [...new Set(event.countries.map((c) => c.code)), "WLD"];
  const relevant = byOrigin(
    event,
    (await corridors(await db(), { touching: named })).filter((c) => c.origin !== "WLD" && concernsCorridor(event, c.origin, c.destination)),
  );
  // Panels of one indicator share their candidate controls: each filter is read once per request.
  const reads = new Map<string, Promise<CorridorRow[]>>();
  const read = async (filter: CorridorFilter) => {
    const key = JSON.stringify(filter);
    if (!reads.has(key)) reads.set(key, corridors(await db(), filter));
    return reads.get(key)!;
  };
  const panels: ImpactPanel[] = [];
  for (const c of relevant.slice(0, 8)) {
    for (const indicator of c.indicators) {
      const base = { event: event.id, indicator: indicator.code, origin: c.origin, destination: c.destination };
      const key = panelKey({ indicator: indicator.code, origin: c.origin, destination: c.destination });
      const control = controls.get(key) ?? null;
      let controlError = errors.get(key) ?? null;
      let itsError: string | null = null;
      // A control that cannot be used (no such corridor or indicator) is said in the panel, which then shows
      // the estimate without it; a series the model cannot take (daily) keeps its before/after comparison.
      const attempt = async (method: "its" | "before-after", against: Corridor | null) => {
        try {
          return await impact(await db(), { ...base, method, control: against ?? undefined });
        } catch (error) {
          if (!CorridorError.is(error)) throw error;
          if (against) controlError = `${against.origin} → ${against.destination} cannot serve as a control: ${error.message}`;
          else itsError = error.message;
          return null;
        }
      };
      const result = (control && (await attempt("its", control))) || (await attempt("its", null)) || (await impact(await db(), { ...base, method: "before-after" }));
      const its = result.its;
      // A panel needs something to show: a comparison, an estimate, or a series long enough to say what is missing.
      if (result.comparison.status !== "ok" && result.baseline.status !== "ok" && its?.status !== "ok" && (its?.observed.length ?? 0) < 3) continue;
      panels.push({
        impact: result,
        originName: c.originName,
        destinationName: c.destinationName,
        controlOptions: await controlOptions(event, c, indicator.code, read),
        control,
        controlError,
        itsError,
        sources: await seriesSources(await db(), { indicator: indicator.code, origin: c.origin, destination: c.destination }),
      });
    }
  }
  // The origin's own flows first (lib/panel-order.ts), panels with an estimate or a comparison before
  // those that can only say what is missing; equal ranks keep byOrigin's order (the dashboard's origin first).
  const parties = event.countries.filter((c) => c.role !== "affected").map((c) => c.code);
  const receiving = new Set((await corridorCountries(await db())).destinations.map((d) => d.code).filter((d) => d !== "WLD"));
  const ordered = orderPanels(
    panels,
    (p) => ({ origin: p.impact.origin, destination: p.impact.destination, complete: p.impact.its?.status === "ok" || p.impact.comparison.status === "ok" }),
    receiving,
    parties,
  );
  const confounders = new Set(panels.flatMap((p) => p.impact.its?.confounders ?? []));
  const eventTitles = new Map((await events(await db())).filter((e) => confounders.has(e.id)).map((e) => [e.id, e.title]));
  return { event, history, panels: ordered, eventTitles };
}
