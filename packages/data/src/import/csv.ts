/**
 * Streaming a whole file's rows (Node: fs, streams, a hash on the way) with their physical line
 * numbers. Samples (sniffing, previews, small files) are parsed by detect.ts with the same papaparse
 * settings and line numbering.
 */
import Papa from "papaparse";
import { createHash } from "node:crypto";
import { createReadStream, openSync, readSync, closeSync, statSync } from "node:fs";
import { decoderStream, type Detected } from "./decode.ts";
import { withLineNumbers, type CsvRow } from "./detect.ts";

export type { CsvRow };

export interface CsvDialect {
  delimiter: string;
  /** The file starts with a UTF-8 byte-order mark. */
  bom: boolean;
}

const SNIFF_BYTES = 64 * 1024;

/** The first 64 KiB of a file, as bytes. */
export function readHeadBytes(path: string, bytes = SNIFF_BYTES): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(Math.min(bytes, statSync(path).size));
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export const HEAD_BYTES = SNIFF_BYTES;

export interface CsvProblem {
  line: number;
  message: string;
}

export interface StreamCsvOptions {
  delimiter: string;
  encoding: Detected;
  /** Called with each parsed batch; synchronous so that back-pressure is trivial. */
  onRows: (rows: CsvRow[], problems: CsvProblem[]) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Streams a file through its decoder and papaparse: memory stays flat whatever the file's size.
 * Resolves to the sha256 of the file's bytes, hashed as they are read (no second pass).
 */
export function streamCsv(path: string, options: StreamCsvOptions): Promise<string> {
  const totalBytes = statSync(path).size;
  let nextLine = 1;
  let failed = false;
  const hash = createHash("sha256");
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      raw.destroy();
      reject(error);
    };
    const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
    raw.on("data", (chunk) => hash.update(chunk as Buffer));
    const text = raw.pipe(decoderStream(options.encoding.encoding, options.encoding.bomLength));
    raw.on("error", fail);
    text.on("error", fail);
    Papa.parse<string[]>(text as never, {
      delimiter: options.delimiter,
      skipEmptyLines: false,
      chunk: (results) => {
        if (failed) return;
        options.onProgress?.(raw.bytesRead, totalBytes);
        const numbered = withLineNumbers(results.data, nextLine);
        nextLine = numbered.nextLine;
        // papaparse reports quote trouble per row; give it the row's physical line.
        const problems = results.errors.map((e) => ({
          line: numbered.rows[e.row ?? 0]?.line ?? nextLine,
          message: e.code === "MissingQuotes" ? "unterminated quote: a quoted field is never closed" : e.message,
        }));
        try {
          options.onRows(numbered.rows, problems);
        } catch (error) {
          fail(error);
        }
      },
      complete: () => {
        if (!failed) resolve(hash.digest("hex"));
      },
      error: (error: Error) => fail(error),
    });
  });
}

