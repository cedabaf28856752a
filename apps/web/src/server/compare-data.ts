/**
 * The explorer's comparison as data: one line per corridor of one indicator, rolled up and ranged
 * as asked, optionally indexed to 100 at a base period. The explorer page, its images and embeds
 * and its pinned snapshots all draw from this.
 */
import { z } from "zod";
import { corridors, listIndicators, series } from "@corridor/data";
import type { Frequency } from "@corridor/data/pure";
import { db } from "@/server/db";
import { predominantFrequency } from "@corridor/data/periods";
import { indexTo100, type ExplorerView } from "@/lib/explorer";
import { FREQUENCY_ADJECTIVE, mergeRanges, valuesNotShown } from "@/lib/chart-model";
import type { CompareData, CompareLine, LeftOut } from "@/render/chart-source";

/** A compare snapshot's data as stored: the drawn fields checked, the rest as published (see seriesSnapshotData). */
export const compareSnapshotData = z.looseObject({
  indicator: z.looseObject({ code: z.string(), name: z.string(), unit: z.string() }),
  unit: z.string(),
  lines: z.array(z.looseObject({ points: z.array(z.looseObject({ period: z.string() })) })),
  notes: z.array(z.string()),
  sources: z.array(z.string()),
}) as unknown as z.ZodType<CompareData>;

export async function compareData(view: ExplorerView): Promise<CompareData> {
  const indicator = (await listIndicators(await db())).find((i) => i.code === view.indicator)!;
  // The compared corridors' names, each read alone (at most 8), not every corridor's ranges.
  const named = await Promise.all(
    view.series.map(async (key) => {
      const [origin, destination] = key.split("-") as [string, string];
      return (await corridors(await db(), { origin, destinations: [destination] }))[0];
    }),
  );
  const lines: CompareLine[] = [];
  const notes: string[] = [];
  const left: LeftOut[] = [];
  const sources = new Set<string>();
  const range = { from: view.from ?? undefined, to: view.to ?? undefined };
  const load = async (key: string, frequency?: Frequency) => {
    const [origin, destination] = key.split("-") as [string, string];
    return series(await db(), { indicator: view.indicator, origin, destination, frequency, ...range });
  };
  // One frequency for the whole view: a quarterly value never sits beside annual ones as if
  // comparable. "As published" is the frequency that covers the most time across the corridors.
  let loaded = await Promise.all(view.series.map((key) => load(key, view.frequency ?? undefined)));
  const ranges = mergeRanges(loaded.flatMap((s) => s.ranges ?? []));
  const frequency = view.frequency ?? predominantFrequency(ranges);
  if (frequency && loaded.some((s) => s.frequency !== frequency)) loaded = await Promise.all(view.series.map((key) => load(key, frequency)));
  for (const [i, key] of view.series.entries()) {
    const [origin, destination] = key.split("-") as [string, string];
    const s = loaded[i]!;
    const name = named[i];
    const label = name ? `${name.originName} → ${name.destinationName}` : `${origin} → ${destination}`;
    let points = s.points.map(({ period, start, end, value }) => ({ period, start, end, value }));
    if (view.index) {
      const indexed = indexTo100(points, view.index);
      if (!indexed) {
        notes.push(`${label}: no value in ${view.index} to index on; left out.`);
        left.push({ key, why: "no-index", index: view.index });
        continue;
      }
      points = points.map((p, i) => ({ ...p, value: indexed[i]!.value }));
    }
    if (s.points.length === 0) {
      notes.push(`${label}: no ${frequency ? `${FREQUENCY_ADJECTIVE[frequency]} ` : ""}values for this indicator${s.ranges?.length ? " (see below)" : ""}.`);
      left.push({ key, why: "no-values", frequency: frequency ?? null, elsewhere: !!s.ranges?.length });
    }
    for (const p of s.points) if (p.source) sources.add(p.source);
    lines.push({ key, label, points });
  }
  return {
    indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit },
    unit: view.index ? `index, ${view.index} = 100` : indicator.unit,
    frequency,
    lines,
    notes,
    left,
    notShown: valuesNotShown(ranges, frequency),
    sources: [...sources],
  };
}
