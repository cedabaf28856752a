/** Types of render-pdf.mjs (plain JavaScript, run in the render pool's worker threads). */

/** What an event brief says; built by src/server/event-brief.ts from the event page's data. */
export interface EventBrief {
  title: string;
  /** "Decree · 28 Dec 2024 · verified · TJK, RUS" */
  facts: string;
  /** Document, announced, in force: [label, text]. */
  details: [string, string][];
  summary: string;
  /** The corridor's chart with the event labelled, as the image exports draw it (light theme). */
  chartSvg: string | null;
  /** Before/after rows: corridor and indicator, the means with their periods, the change, the year-earlier change. */
  figures: { what: string; before: string; after: string; change: string; yearEarlier: string }[];
  /** Said under the table: how the figures are computed. */
  method: string;
  sources: string[];
  /** "Corridor · data of … · https://…/events/ID" */
  footer: string;
  /** The page's own words in the brief's language (server/event-brief.ts takes them from the catalog). */
  labels: {
    lang: string;
    heading: string;
    subject: string;
    /** "Sources: {list}" */
    sources: string;
    /** The table's head: corridor and indicator, before, after, change, year earlier. */
    head: [string, string, string, string, string];
    /** Appended to a summary shortened to fit. */
    continued: string;
    /** moreRows[n]: the line saying n more rows are on the event's page (plurals done by the catalog). */
    moreRows: string[];
    noFigures: string;
  };
}

/** px of an SVG → pt of a PDF. */
export const PT_PER_PX: number;
/** The root <svg>'s width and height in px; throws when it has none. */
export function svgSize(svg: string): { width: number; height: number };
/** A chart as a one-page vector PDF the size of the SVG. */
export function svgToPdf(task: { svg: string; title: string }): Promise<Buffer>;
/** An event's one-page A4 brief. */
export function eventBriefPdf(brief: EventBrief): Promise<Buffer>;
