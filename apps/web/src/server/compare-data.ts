/**
 * The explorer's comparison as data: one line per corridor of one indicator, rolled up and ranged
 * as asked, optionally indexed to 100 at a base period. The explorer page, its images and embeds
 * and its pinned snapshots all draw from this.
 */
import { z } from "zod";
import { corridors, listIndicators, series } from "@corridor/data";
import { db } from "@/server/db";
import { indexTo100, type ExplorerView } from "@/lib/explorer";
import type { CompareData, CompareLine } from "@/render/chart-source";

/** A compare snapshot's data as stored: the drawn fields checked, the rest as published (see seriesSnapshotData). */
export const compareSnapshotData = z.looseObject({
  indicator: z.looseObject({ code: z.string(), name: z.string(), unit: z.string() }),
  unit: z.string(),
  lines: z.array(z.looseObject({ points: z.array(z.looseObject({ period: z.string() })) })),
  notes: z.array(z.string()),
  sources: z.array(z.string()),
}) as unknown as z.ZodType<CompareData>;

export async function compareData(view: ExplorerView): Promise<CompareData> {
  const indicator = (await listIndicators(db())).find((i) => i.code === view.indicator)!;
  const all = await corridors(db());
  const lines: CompareLine[] = [];
  const notes: string[] = [];
  const sources = new Set<string>();
  for (const key of view.series) {
    const [origin, destination] = key.split("-") as [string, string];
    const s = await series(db(), { indicator: view.indicator, origin, destination, frequency: view.frequency ?? undefined, from: view.from ?? undefined, to: view.to ?? undefined });
    const name = all.find((c) => c.origin === origin && c.destination === destination);
    const label = name ? `${name.originName} → ${name.destinationName}` : `${origin} → ${destination}`;
    let points = s.points.map(({ period, start, end, value }) => ({ period, start, end, value }));
    if (view.index) {
      const indexed = indexTo100(points, view.index);
      if (!indexed) {
        notes.push(`${label}: no value in ${view.index} to index on; left out.`);
        continue;
      }
      points = points.map((p, i) => ({ ...p, value: indexed[i]!.value }));
    }
    if (s.points.length === 0) notes.push(`${label}: no data for this indicator${view.frequency ? ` at frequency ${view.frequency}` : ""}.`);
    for (const p of s.points) if (p.source) sources.add(p.source);
    lines.push({ key, label, points });
  }
  return {
    indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit },
    unit: view.index ? `index, ${view.index} = 100` : indicator.unit,
    lines,
    notes,
    sources: [...sources],
  };
}
