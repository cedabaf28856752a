/**
 * The chart's data as downloads analysts' tools read as-is: the CSV is one table (a row per point,
 * each complete: corridor, period, value, flag in words, source); events, sources and the view's
 * metadata come as their own files in a ZIP (data.csv, events.csv, metadata.json, README.txt), as
 * Our World in Data ships its downloads. The JSON download is the same content in one document.
 * Tables are column lists (CsvColumn): a new column is one entry, and its description travels into
 * metadata.json and the README.
 */
import { columnsCsv, csvFile, flagMeaning, indicatorName, SERIES_CSV_COLUMNS, seriesCsv, seriesJson, type CsvColumn } from "@corridor/data/pure";
import { translatorFor } from "@/server/chart-words";
import type { ChartData } from "@corridor/data";
import { strToU8, zipSync } from "fflate";
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
  /** "month": only the month of starts_on is known. */
  datePrecision: string;
  /** The dates (start, end) that are uncertain, as the chart draws them faded. */
  uncertainDates: string[];
  title: string;
  /** The Russian title and who translated it ("" / null: none, or the source's own wording). */
  titleRu: string;
  titleRuTranslatedBy: string | null;
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
      datePrecision: e.datePrecision,
      // A snapshot published before date certainty existed has none: both dates read as sure.
      uncertainDates: e.uncertainDates ?? [],
      title: e.title,
      // A snapshot published before events had two languages has no `texts`.
      titleRu: e.texts?.ru?.title ?? "",
      titleRuTranslatedBy: e.texts?.ru?.translation?.by ?? null,
      documentRef: e.documentRef,
      sourceUrl: e.sourceUrl,
      verification: e.verification,
      verificationNote: e.verificationNote,
      related: related.get(e.id) ?? null,
    }))
    .sort((a, b) => a.number - b.number);
}

/** events.csv: the events the chart shows, numbered as the image's notes. */
export const EVENT_CSV_COLUMNS: readonly CsvColumn<Note>[] = [
  { name: "note", description: "the event's number in the chart image's notes", value: (n) => n.number },
  { name: "event_id", description: "the event's id in Corridor's register (/events/ID)", value: (n) => n.id },
  { name: "starts_on", description: "the day it starts (YYYY-MM-DD)", value: (n) => n.startsOn },
  { name: "ends_on", description: "the day it ends, empty for a one-day event", value: (n) => n.endsOn },
  { name: "date_precision", description: "day, month or year: how precisely the start date is known", value: (n) => n.datePrecision },
  { name: "uncertain_dates", description: "start, end or start;end: dates that may be wrong (drawn faded on the chart)", value: (n) => n.uncertainDates.join(";") },
  { name: "kind", description: "decree, law, agreement, talks, shock…", value: (n) => n.kind },
  { name: "title", description: "the event's title (in English; a Russian-only event's Russian title)", value: (n) => n.title },
  { name: "title_ru", description: "the event's title in Russian, empty when it has none", value: (n) => n.titleRu },
  {
    name: "title_ru_translated_by",
    description: "who translated the Russian title (Corridor's translation, not the source's wording); empty when it is the source's own text",
    value: (n) => n.titleRuTranslatedBy,
  },
  { name: "document", description: "the document it rests on (decree number, treaty…)", value: (n) => n.documentRef },
  { name: "source_url", description: "where the event is documented", value: (n) => n.sourceUrl },
  { name: "verification", description: "verified, or unverified (not yet checked against a source)", value: (n) => n.verification },
  { name: "verification_note", description: "what is uncertain about an unverified event", value: (n) => n.verificationNote },
  { name: "related", description: "on the related-events layer (related=1): what this other corridor's event concerns; empty for the corridor's own", value: (n) => n.related },
];

export interface DownloadOptions {
  hidden: readonly string[];
  provenance: string;
  /** The app page that shows this view (path + query), so a reader can find it again. */
  view: string;
  /** The language of the human-readable lines (title, README, flag meanings); columns and ISO dates stay machine-stable. */
  lang?: "en" | "ru";
}

export function chartJson(data: ChartData, options: Omit<DownloadOptions, "view">): string {
  const { title, subtitle } = chartTitle(data, options.lang);
  return JSON.stringify({ title, subtitle, ...seriesJson(data.series), notes: notesOf(data, options.hidden), sources: sourcesOf(data), provenance: options.provenance }, null, 2);
}

/** The chart's CSV download: one table, the same as GET /api/series.csv, with a byte-order mark for Excel. */
export function chartCsv(data: ChartData): string {
  return csvFile(seriesCsv(data.series));
}

const columnDocs = <R>(columns: readonly CsvColumn<R>[]) => columns.map(({ name, description }) => ({ name, description }));

/** metadata.json: what the view is, where the figures come from, and what each file's columns mean. */
export function chartMetadata(data: ChartData, options: DownloadOptions) {
  const s = data.series;
  const lang = options.lang ?? "en";
  const { title, subtitle } = chartTitle(data, lang);
  const flags = [...new Set(s.points.flatMap((p) => (p.flag ? p.flag.split("") : [])))].sort();
  return {
    title,
    subtitle,
    indicator: { code: s.indicator.code, name: indicatorName(s.indicator, lang), unit: s.indicator.unit },
    origin: s.origin,
    destination: s.destination,
    frequency: s.frequency,
    otherFrequencies: s.otherFrequencies ?? [],
    sources: sourcesOf(data),
    provenance: options.provenance,
    view: options.view,
    flags: Object.fromEntries(flags.map((f) => [f, flagMeaning(f, lang) ?? translatorFor(lang, "Download")("notInGlossary")])),
    files: {
      "data.csv": { rows: s.points.length, columns: columnDocs(SERIES_CSV_COLUMNS) },
      "events.csv": { rows: notesOf(data, options.hidden).length, columns: columnDocs(EVENT_CSV_COLUMNS) },
    },
  };
}

function readme(title: string, subtitle: string, files: Record<string, { rows: number; columns: { name: string; description: string }[] }>, about: string[], lang: "en" | "ru" = "en"): string {
  const t = translatorFor(lang, "Download");
  const lines = [title, subtitle, "", t("downloaded"), ""];
  // Column names and descriptions are the data package's, one stable format in every language: said so in Russian.
  if (lang !== "en") lines.push(t("columnsNote"), "");
  for (const [file, { rows, columns }] of Object.entries(files)) {
    lines.push(t("file", { file, rows }));
    for (const c of columns) lines.push(`  ${c.name}: ${c.description}`);
    lines.push("");
  }
  lines.push(t("metadata"), "", ...about, "");
  lines.push(t("reading"), '  Python: pandas.read_csv("data.csv")', '  R: readr::read_csv("data.csv"), or read.csv("data.csv", fileEncoding = "UTF-8-BOM")', t("excel"), "");
  return lines.join("\r\n");
}

/** The README's lines about the view: its sources, address and provenance (and flags), in the download's language. */
function aboutLines(sources: readonly string[], options: Pick<DownloadOptions, "view" | "provenance" | "lang">): string[] {
  const t = translatorFor(options.lang ?? "en", "Download");
  return [t("sources", { list: sources.join("; ") || t("noneNamed") }), t("view", { view: options.view }), t("provenance", { provenance: options.provenance })];
}

function zip(files: Record<string, string>): Buffer {
  // One fixed time for every entry: the same view and data give the same bytes (and ETag).
  const mtime = new Date("2000-01-01T00:00:00Z");
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime }]]))));
}

/** The ZIP download: data.csv, events.csv, metadata.json and a README.txt saying what each holds. */
export function chartZip(data: ChartData, options: DownloadOptions): Buffer {
  const metadata = chartMetadata(data, options);
  const about = aboutLines(metadata.sources, options);
  if (Object.keys(metadata.flags).length)
    about.push(
      translatorFor(options.lang ?? "en", "Download")("flags", {
        list: Object.entries(metadata.flags)
          .map(([f, m]) => `${f} = ${m}`)
          .join("; "),
      }),
    );
  return zip({
    "data.csv": chartCsv(data),
    "events.csv": csvFile(columnsCsv(EVENT_CSV_COLUMNS, notesOf(data, options.hidden))),
    "metadata.json": `${JSON.stringify(metadata, null, 2)}\n`,
    "README.txt": readme(metadata.title, metadata.subtitle, metadata.files, about, options.lang),
  });
}

/** The comparison's table: one row per period, one column per corridor (its label), with a byte-order mark. */
export function compareCsv(data: CompareData): string {
  const { merged } = compareModel(data.lines);
  const columns: CsvColumn<(typeof merged)[number]>[] = [
    { name: "period", description: "the period as published", value: (r) => r.period },
    ...data.lines.map((l) => ({ name: l.label, description: `${l.label}, in ${data.unit}`, value: (r: (typeof merged)[number]) => r.values[l.key] })),
  ];
  return csvFile(columnsCsv(columns, merged));
}

export function compareMetadata(data: CompareData, options: Omit<DownloadOptions, "hidden"> & { title: string; subtitle: string }) {
  const { merged } = compareModel(data.lines);
  return {
    title: options.title,
    subtitle: options.subtitle,
    indicator: data.indicator,
    unit: data.unit,
    corridors: data.lines.map((l) => ({ key: l.key, label: l.label, values: l.points.length })),
    notes: data.notes,
    // Values at a frequency the comparison does not draw ("6 quarterly values not shown").
    notShown: (data.notShown ?? []).map((n) => n.sentence),
    sources: data.sources,
    provenance: options.provenance,
    view: options.view,
    files: {
      "data.csv": {
        rows: merged.length,
        columns: [{ name: "period", description: "the period as published" }, ...data.lines.map((l) => ({ name: l.label, description: `${l.label}, in ${data.unit}` }))],
      },
    },
  };
}

/** The comparison's ZIP: data.csv, metadata.json (notes, sources, view) and README.txt. */
export function compareZip(data: CompareData, options: Omit<DownloadOptions, "hidden"> & { title: string; subtitle: string }): Buffer {
  const metadata = compareMetadata(data, options);
  const about = [...data.notes, ...metadata.notShown, ...aboutLines(data.sources, options)];
  return zip({
    "data.csv": compareCsv(data),
    "metadata.json": `${JSON.stringify(metadata, null, 2)}\n`,
    "README.txt": readme(options.title, options.subtitle, metadata.files, about, options.lang),
  });
}

export function compareJson(data: CompareData, options: { provenance: string }): string {
  return JSON.stringify({ ...data, provenance: options.provenance }, null, 2);
}
