/**
 * The parser worker (a worker thread, started by parse-worker-start.ts): waits for one message, a
 * ReadSetup, runs the import's read loop on it and posts batches of valid rows (encoded for
 * SQLite, COPY text for PostgreSQL), errors, progress and the counts (read.ts WorkerMessage). It never touches the database.
 */
import { parentPort } from "node:worker_threads";
import { BadInputError } from "./decode.ts";
import { prepareRead, readObservations, type ReadError, type ReadSetup, type WorkerMessage } from "./read.ts";
import { MappingError } from "./normalise.ts";
import type { Problem } from "./problems.ts";
import { StageEncoder, type StageBatch } from "./writer.ts";
import { CopyTextEncoder, type CopyBatch } from "./copy-text.ts";

const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const transferable = (batch: StageBatch | CopyBatch) => ("rows" in batch ? [batch.rows.buffer as ArrayBuffer, batch.lines.buffer as ArrayBuffer] : [batch.lines.buffer as ArrayBuffer]);

port.once("message", (setup: ReadSetup) => void read(setup));

async function read(setup: ReadSetup): Promise<void> {
  // PostgreSQL's COPY text is made here too, so the importing thread only forwards it.
  const encoder = setup.copy ? new CopyTextEncoder(setup.copy) : new StageEncoder();
  let errors: ReadError[] = [];
  let errorCount = 0;
  try {
    const counts = await readObservations(prepareRead(setup), {
      observation(observation, line) {
        const batch = encoder.add(observation, line);
        if (batch) {
          post({ kind: "batch", batch, errors }, transferable(batch));
          errors = [];
        }
      },
      error(error) {
        if (errorCount++ < setup.maxErrors) errors.push(error);
      },
      progress(bytesRead, totalBytes) {
        post({ kind: "progress", bytesRead, totalBytes });
      },
    });
    const rest = encoder.take();
    if (rest) post({ kind: "batch", batch: rest, errors: [] }, transferable(rest));
    post({
      kind: "done", errors, errorCount,
      counts: { ...counts, rejectedLines: [...counts.rejectedLines], aggregates: [...counts.aggregates] },
    });
  } catch (error) {
    // By class, not constructor name: a bundler may rename classes.
    const name = error instanceof BadInputError ? "BadInputError" : error instanceof MappingError ? "MappingError" : "Error";
    const problem = error instanceof BadInputError || error instanceof MappingError ? (error.details.problem as Problem | undefined) : undefined;
    post({ kind: "failed", name, message: (error as Error).message, line: error instanceof BadInputError ? error.line : undefined, ...(problem ? { problem } : {}) });
  }
}
