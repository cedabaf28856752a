/** What the event editor pages load on the server: link targets and the corridors to preview on, named in the page's language. */
import { corridors, events } from "@corridor/data";
import { corridorWords, indicatorName } from "@corridor/data/pure";
import { db } from "@/server/db";
import type { EditorCorridor } from "@/components/EventEditor";
import { eventText } from "@/lib/event-text";

export async function editorData(locale = "en"): Promise<{ events: { id: string; title: string; startsOn: string }[]; corridors: EditorCorridor[] }> {
  const all = await events(await db());
  const found = await corridors(await db());
  return {
    events: all.map((e) => ({ id: e.id, title: eventText(e, locale).title, startsOn: e.startsOn })).reverse(),
    corridors: found.map((c) => ({
      origin: c.origin,
      destination: c.destination,
      label: corridorWords(c.origin, c.destination, locale),
      indicators: c.indicators.map((i) => ({ code: i.code, name: indicatorName(i, locale), firstDay: i.firstDay, lastDay: i.lastDay })),
    })),
  };
}
