/**
 * The chart's data as a download: exactly the points drawn, their sources, and the events shown
 * (numbered as the image's footnotes), as CSV with a notes section or as one JSON document.
 */
import { seriesCsv, seriesJson, toCsv } from "@corridor/data/pure";
import type { ChartData } from "@corridor/data";
import { footnoteNumbers } from "@/components/chart-layers";
import { compareModel } from "@/lib/explorer";
import type { CompareData } from "./chart-source";
import { chartEvents, chartTitle, sourcesOf } from "./series-svg";

interface Note {
  number: number;
  id: string;
  kind: string;
  startsOn: string;
  endsOn: string | null;
  title: string;
  documentRef: string | null;
  sourceUrl: string | null;
  /** "unverified" events and their caveats (a date given from memory) travel with the download, not only the page. */
  verification: string;
  verificationNote: string | null;
  /** On the opt-in related-events layer: what this other corridor's event concerns; null for the corridor's own. */
  related: string | null;
}

function notesOf(data: ChartData, hidden: readonly string[]): Note[] {
  const shown = chartEvents(data, hidden);
  const numbers = footnoteNumbers(shown);
  const related = new Map(shown.map((e) => [e.id, e.related ?? null]));
  return data.events
    .filter((e) => numbers.has(e.id))
    .map((e) => ({
      number: numbers.get(e.id)!,
      id: e.id,
      kind: e.kind,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      title: e.title,
      documentRef: e.documentRef,
      sourceUrl: e.sourceUrl,
      verification: e.verification,
      verificationNote: e.verificationNote,
      related: related.get(e.id) ?? null,
    }))
    .sort((a, b) => a.number - b.number);
}

export function chartJson(data: ChartData, options: { hidden: readonly string[]; provenance: string }): string {
  const s = data.series;
  const { title, subtitle } = chartTitle(data);
  return JSON.stringify(
    {
      title,
      subtitle,
      ...seriesJson(s),
      notes: notesOf(data, options.hidden),
      sources: sourcesOf(data),
      provenance: options.provenance,
    },
    null,
    2,
  );
}

/** Two tables in one file: the data, then (after a blank row) the notes; then sources and provenance. */
export function chartCsv(data: ChartData, options: { hidden: readonly string[]; provenance: string }): string {
  const s = data.series;
  // The same table as GET /api/series.csv; the notes and about blocks are the download's own.
  const table = seriesCsv(s);
  const notes = toCsv(
    ["note", "starts_on", "ends_on", "kind", "title", "document", "source_url", "verification", "verification_note", "related"],
    notesOf(data, options.hidden).map((n) => [n.number, n.startsOn, n.endsOn, n.kind, n.title, n.documentRef, n.sourceUrl, n.verification, n.verificationNote, n.related]),
  );
  const about = toCsv(["about", "text"], [["title", chartTitle(data).title], ["unit", s.indicator.unit], ...sourcesOf(data).map((src) => ["source", src]), ["chart", options.provenance]]);
  return `${table}\r\n${notes}\r\n${about}`;
}

/** The comparison's table: one row per period, one column per corridor, then sources. */
export function compareCsv(data: CompareData, options: { provenance: string }): string {
  const { merged } = compareModel(data.lines);
  const table = toCsv(
    ["period", ...data.lines.map((l) => l.label)],
    merged.map((r) => [r.period, ...data.lines.map((l) => r.values[l.key])]),
  );
  const about = toCsv(
    ["about", "text"],
    [
      ["indicator", data.indicator.name],
      ["unit", data.unit],
      ...data.notes.map((n) => ["note", n]),
      ...(data.notShown ?? []).map((n) => ["note", n.sentence]),
      ...data.sources.map((src) => ["source", src]),
      ["chart", options.provenance],
    ],
  );
  return `${table}\r\n${about}`;
}

export function compareJson(data: CompareData, options: { provenance: string }): string {
  return JSON.stringify({ ...data, provenance: options.provenance }, null, 2);
}
