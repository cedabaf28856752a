/**
 * The render pool: a bounded set of worker threads (piscina) running render-worker.mjs, where PNGs
 * (resvg) and PDFs (pdfkit) are drawn. On the main thread a large PNG took seconds of CPU and a PDF
 * brief most of a second, stalling every other request meanwhile (one 9600 × 9600 PNG: 12 s; eight
 * at once: the site gone for minutes). Two bounds, shared by PNGs and PDFs: at most `threads`
 * rendering and `queue` waiting — beyond that the request is refused at once (503 + Retry-After)
 * instead of piling up.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Piscina from "piscina";
import { envCount } from "@/lib/env";

/**
 * A core stays free for the server's own thread. At most 2 by default: a PNG at the pixel budget
 * peaks at ~0.8 GB (pixels, then their PNG encoding), so memory grows with the threads, not the cores.
 */
export const RENDER_THREADS = envCount("CORRIDOR_RENDER_THREADS", Math.min(2, Math.max(1, availableParallelism() - 1)));
/** Renders waiting for a thread; more are refused with 503. */
export const RENDER_QUEUE = envCount("CORRIDOR_RENDER_QUEUE", 2);
/** What a refused client is told to wait: about one large render. */
export const RETRY_AFTER_SECONDS = 10;

/** What the pool makes; said in the 503. */
export type Product = "PNG" | "PDF";

/** Every thread busy and the queue full: the answer is 503 with Retry-After, not a wait. */
export class RendererBusy extends Error {
  readonly retryAfter = RETRY_AFTER_SECONDS;
  constructor(product: Product) {
    super(`the ${product} renderer is busy (${RENDER_THREADS} rendering, ${RENDER_QUEUE} waiting, PNGs and PDFs alike); try again in ${RETRY_AFTER_SECONDS} s`);
  }
}

let pool: Piscina | undefined;
function renderPool(): Piscina {
  // Resolved from the app's folder at run time, like the fonts: the bundler must not rewrite it.
  pool ??= new Piscina({
    filename: pathToFileURL(join(process.cwd(), "render-worker.mjs")).href,
    minThreads: 1,
    maxThreads: RENDER_THREADS,
    maxQueue: RENDER_QUEUE,
    idleTimeout: 60_000,
  });
  return pool;
}

/** Admitted and not finished: rendering, waiting, or still building its task on the main thread. */
let admitted = 0;

/** render-worker.mjs's exports: "default" rasterises an SVG, the others are render-pdf.mjs's. */
type WorkerFunction = "default" | "svgToPdf" | "eventBriefPdf";

/**
 * Runs `fn` of render-worker.mjs on the task `task()` builds. Admission comes first, so a refused
 * request costs no task either (a PNG's SVG); a task that throws (a PNG over its pixel budget) is
 * refused before it reaches a thread. The worker's errors come back as they were thrown there.
 */
export async function renderInPool(product: Product, fn: WorkerFunction, task: () => unknown): Promise<Buffer> {
  if (admitted >= RENDER_THREADS + RENDER_QUEUE) throw new RendererBusy(product);
  admitted++;
  try {
    const out: Uint8Array = await renderPool().run(task(), { name: fn });
    // Structured clone across threads hands back a plain Uint8Array: the same bytes, as a Buffer.
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  } finally {
    admitted--;
  }
}
