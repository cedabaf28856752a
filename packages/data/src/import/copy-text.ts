/**
 * Parsed rows as the text of PostgreSQL's `COPY … FROM STDIN` (its text format), in chunks, with
 * each row's file line beside them. Pure, so that it runs where the parser runs: in the CLI's parser
 * worker the chunks are made there and the importing thread only hands them to COPY.
 * Two layouts (postgres.ts): the staging table (the line first) or observations itself for a first
 * import into an empty table (the import's id last, the line kept only in `lines`); rows going
 * straight into observations are tallied for the corridor summary on the way, as SQLite's bulk
 * load tallies them (corridor-ranges.ts RangeTally).
 */
import { RangeTally, type Tallied } from "../corridor-ranges.ts";
import type { NormalisedObservation } from "./normalise.ts";
import type { Period } from "../periods.ts";

/** What goes around each row's twelve observation columns: the staging table's line, or the import's id. */
export interface CopyLayout {
  /** Each row starts with its file line (the staging table). */
  line: boolean;
  /** Appended to every row as its last column (observations' import_id), when given. */
  importId?: number;
}

/** Rows in COPY's text format, and the file line of each, in order. Plain data, posted between threads. */
export interface CopyBatch {
  text: string;
  lines: Int32Array;
  /** On the last batch of rows going into observations: the corridor summary's groups of every row. */
  ranges?: Tallied[];
}

/** COPY's text format sends about this many characters at a time. */
const CHUNK_CHARS = 1 << 16;
/** Rows' lines kept per batch before it grows (most batches hold fewer than this). */
const LINES_START = 1024;

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL. */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : value;
}

/** Formats rows into CopyBatches of about CHUNK_CHARS characters. */
export class CopyTextEncoder {
  private text = "";
  private lines = new Int32Array(LINES_START);
  private count = 0;
  private readonly end: string;
  private readonly tally?: RangeTally;
  /** The last row's series and its columns' text; each period's columns' text. */
  private indicator = "";
  private origin = "";
  private destination = "";
  private series = "";
  private readonly periods = new Map<Period, string>();

  constructor(private readonly layout: CopyLayout) {
    this.end = layout.importId === undefined ? "\n" : `\t${layout.importId}\n`;
    if (layout.importId !== undefined) this.tally = new RangeTally();
  }

  /** Formats one row; returns a batch when this row filled one. */
  add(o: NormalisedObservation, line: number): CopyBatch | undefined {
    const p = o.period;
    // Files come in runs of one series, and a period's four columns repeat: each is formatted once.
    if (o.indicator !== this.indicator || o.origin !== this.origin || o.destination !== this.destination) {
      this.indicator = o.indicator;
      this.origin = o.origin;
      this.destination = o.destination;
      this.series = `${copyText(o.indicator)}\t${copyText(o.origin)}\t${copyText(o.destination)}\t`;
    }
    let period = this.periods.get(p);
    if (period === undefined) this.periods.set(p, (period = `${copyText(p.period)}\t${p.frequency}\t${p.start}\t${p.end}\t`));
    this.text += `${this.layout.line ? `${line}\t` : ""}${this.series}${period}${o.value}\t${copyText(o.breakdown)}\t${copyText(o.flag)}\t${o.bound ?? "\\N"}\t${copyText(o.source)}${this.end}`;
    if (this.count === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.count++] = line;
    this.tally?.add(o.indicator, o.origin, o.destination, o.breakdown, p);
    return this.text.length >= CHUNK_CHARS ? this.cut() : undefined;
  }

  /** At the end of the file: the rows not yet returned, with the tally (if any). */
  take(): CopyBatch | undefined {
    if (this.count === 0 && !this.tally?.size) return undefined;
    return { ...this.cut(), ...(this.tally ? { ranges: this.tally.tallied() } : {}) };
  }

  private cut(): CopyBatch {
    const batch = { text: this.text, lines: this.lines.slice(0, this.count) };
    this.text = "";
    this.count = 0;
    return batch;
  }
}
