/**
 * The words a chart draws (lane and legend labels, marker names, tooltips, image notes), as one
 * plain object taken from the message catalog on the server (server/chart-words.ts) and handed to
 * client charts as a prop: the browser gets these few strings, not the catalog or a message parser.
 * Templates use `{name}` placeholders and no plurals, so `fill` is all a client needs.
 */
import type { Kind } from "./chart-model";
import type { CaveatTranslate } from "./caveat-words";

export interface ChartWords {
  locale: "en" | "ru";
  kinds: Record<Kind, string>;
  caveats: Record<Parameters<CaveatTranslate>[0], string>;
  relatedEvent: string;
  relatedNote: string;
  shaded: string;
  close: string;
  relatedLegend: string;
  cluster: string;
  bounds: string;
  flags: string;
  eventsMarked: string;
  unverifiedLabel: string;
  sourceLine: string;
  eventRegister: string;
  /** The footer line: "Corridor · data of {date} · {address}". */
  provenance: string;
  provenancePinned: string;
  noImportYet: string;
  openInCorridor: string;
}

/**
 * The words a chart's marks need (lanes, marker names, tooltips, labels): all an interactive chart
 * gets, so a page's payload carries no legend or footnote wording it does not draw.
 */
export type MarkWords = Pick<ChartWords, "locale" | "kinds" | "caveats" | "relatedEvent" | "relatedNote" | "shaded" | "close" | "cluster" | "unverifiedLabel">;

export function markWords(w: ChartWords): MarkWords {
  const { locale, kinds, caveats, relatedEvent, relatedNote, shaded, close, cluster, unverifiedLabel } = w;
  return { locale, kinds, caveats, relatedEvent, relatedNote, shaded, close, cluster, unverifiedLabel };
}

/** `fill("Shaded: {note}", { note })`; an absent value leaves nothing behind. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
}

/** chart-model's caveat rules in these words (caveat-words.ts's translator). */
export function caveatTranslator(words: Pick<ChartWords, "caveats">): CaveatTranslate {
  return (key, values) => fill(words.caveats[key], values ?? {});
}
