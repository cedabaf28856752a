/** What the event editor pages load on the server: link targets and the corridors to preview on. */
import { corridors, events } from "@corridor/data";
import { db } from "@/server/db";
import type { EditorCorridor } from "@/components/EventEditor";

export async function editorData(): Promise<{ events: { id: string; title: string; startsOn: string }[]; corridors: EditorCorridor[] }> {
  const all = await events(db());
  const found = await corridors(db());
  return {
    events: all.map((e) => ({ id: e.id, title: e.title, startsOn: e.startsOn })).reverse(),
    corridors: found.map((c) => ({
      origin: c.origin,
      destination: c.destination,
      label: `${c.originName} → ${c.destinationName}`,
      indicators: c.indicators.map((i) => ({ code: i.code, name: i.name, firstDay: i.firstDay, lastDay: i.lastDay })),
    })),
  };
}
