/**
 * What an event's page (`/events/[id]`) loads on the server: the event, its edit history and the
 * impact panels — every indicator of the event's corridors, ±2 periods around it. The page only renders.
 */
import "server-only";
import { concernsCorridor, corridors, eventVersions, getEvent, impact, series, seriesSources, type EventDetail, type Impact, type SeriesPoint, type SeriesSource } from "@corridor/data";
import { db } from "@/server/db";
import { versionHistory, type HistoryEntry } from "@/lib/event-form";

export interface ImpactPanel {
  impact: Impact;
  points: SeriesPoint[];
  originName: string;
  destinationName: string;
  /** Where the panel's values come from (its footer and the page's Sources section). */
  sources: SeriesSource[];
}

/** undefined when there is no such event. */
export async function eventPageData(id: string): Promise<{ event: EventDetail; history: HistoryEntry[]; panels: ImpactPanel[] } | undefined> {
  const event = await getEvent(db(), id);
  if (!event) return undefined;
  const history = versionHistory(await eventVersions(db(), id), event);

  const all = await corridors(db());
  // The corridors the event concerns (the rule their charts use); all origins together (WLD → B) are left out.
  const relevant = all.filter((c) => c.origin !== "WLD" && concernsCorridor(event, c.origin, c.destination));
  const panels: ImpactPanel[] = [];
  for (const c of relevant.slice(0, 8)) {
    for (const indicator of c.indicators) {
      const result = await impact(db(), { event: event.id, indicator: indicator.code, origin: c.origin, destination: c.destination, window: 2 });
      if (result.comparison.status !== "ok" && result.baseline.status !== "ok") continue;
      const s = await series(db(), { indicator: indicator.code, origin: c.origin, destination: c.destination });
      const sources = await seriesSources(db(), { indicator: indicator.code, origin: c.origin, destination: c.destination });
      panels.push({ impact: result, points: s.points, originName: c.originName, destinationName: c.destinationName, sources });
    }
  }
  return { event, history, panels };
}
