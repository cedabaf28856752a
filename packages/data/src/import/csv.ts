/**
 * papaparse lives here, behind two functions: sniff a file's dialect from its first bytes, and
 * stream its rows with their physical line numbers. Nothing else in the project parses CSV.
 */
import Papa from "papaparse";
import { createReadStream, openSync, readSync, closeSync, statSync } from "node:fs";

export interface CsvRow {
  /** Physical line (1-based) on which the row starts, counting every line of the file. */
  line: number;
  fields: string[];
}

export interface CsvDialect {
  delimiter: string;
  /** The file starts with a UTF-8 byte-order mark. */
  bom: boolean;
}

const SNIFF_BYTES = 64 * 1024;
const DELIMITERS = [",", ";", "\t", "|"];

/** Reads the first 64 KiB and returns it as text (without the BOM) plus whether a BOM was there. */
export function readHead(path: string, bytes = SNIFF_BYTES): { text: string; bom: boolean } {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(Math.min(bytes, statSync(path).size));
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    let text = buffer.subarray(0, n).toString("utf8");
    // Drop a trailing partial character or line; the sniffer wants whole rows.
    if (n === bytes) text = text.slice(0, Math.max(0, text.lastIndexOf("\n")));
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom };
  } finally {
    closeSync(fd);
  }
}

/** Parses already-loaded text fully (small samples, previews). */
export function parseText(text: string, delimiter?: string): { rows: CsvRow[]; delimiter: string } {
  const result = Papa.parse<string[]>(text, {
    delimiter: delimiter ?? "",
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: false,
  });
  return { rows: withLineNumbers(result.data, 1).rows, delimiter: result.meta.delimiter };
}

/** Guesses the delimiter from a sample. papaparse's guess is used; a lone column falls back to ",". */
export function sniffDelimiter(sample: string): string {
  const result = Papa.parse<string[]>(sample, { delimitersToGuess: DELIMITERS, preview: 50 });
  return result.meta.delimiter || ",";
}

/** Assigns physical line numbers: a row spans one line plus one for each newline inside its fields. */
function withLineNumbers(rows: string[][], firstLine: number): { rows: CsvRow[]; nextLine: number } {
  let line = firstLine;
  const out: CsvRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const fields = rows[i]!;
    out[i] = { line, fields };
    line += 1;
    for (const field of fields) {
      if (field.length > 0 && field.indexOf("\n") !== -1) line += field.split("\n").length - 1;
    }
  }
  return { rows: out, nextLine: line };
}

export interface StreamCsvOptions {
  delimiter: string;
  /** Called with each parsed batch; synchronous so that back-pressure is trivial. */
  onRows: (rows: CsvRow[]) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Streams a UTF-8 file through papaparse: memory stays flat whatever the file's size. */
export function streamCsv(path: string, options: StreamCsvOptions): Promise<void> {
  const totalBytes = statSync(path).size;
  let nextLine = 1;
  let first = true;
  return new Promise((resolve, reject) => {
    const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
    raw.setEncoding("utf8"); // decodes multi-byte characters split across chunks correctly
    raw.on("error", reject);
    Papa.parse<string[]>(raw as never, {
      delimiter: options.delimiter,
      skipEmptyLines: false,
      chunk: (results) => {
        let data = results.data;
        if (first && data.length > 0 && data[0]![0]?.charCodeAt(0) === 0xfeff) {
          data = [[data[0]![0]!.slice(1), ...data[0]!.slice(1)], ...data.slice(1)];
        }
        first = false;
        options.onProgress?.(raw.bytesRead, totalBytes);
        const numbered = withLineNumbers(data, nextLine);
        nextLine = numbered.nextLine;
        try {
          options.onRows(numbered.rows);
        } catch (error) {
          raw.destroy();
          reject(error);
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
}
