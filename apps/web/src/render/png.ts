/**
 * SVG → PNG off the main thread: a bounded pool of worker threads (piscina) runs resvg in
 * render-worker.mjs. A PNG of the largest size allowed takes seconds of CPU; on the main thread
 * it stalled every other request (one 9600 × 9600 PNG: 12 s; eight at once: the site gone for
 * minutes). Three bounds: a pixel budget per image (400), at most `threads` rendering and `queue`
 * waiting — beyond that the request is refused at once (503 + Retry-After) instead of piling up.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Piscina from "piscina";
import { ParameterError } from "@/lib/params";
import { envCount } from "@/lib/env";

/**
 * width × height × scale² of one PNG: 64 megapixels, so the largest documented print image — the
 * widest chart (2400) at scale 4 with its notes, 9600 × 5756 for the seeded corridors — still
 * renders, and one render holds at most 256 MB of pixels.
 */
export const MAX_PNG_PIXELS = 64_000_000;

/**
 * A core stays free for the server's own thread. At most 2 by default: a render at the budget peaks
 * at ~0.8 GB (pixels, then their PNG encoding), so memory grows with the threads, not the cores.
 */
export const RENDER_THREADS = envCount("CORRIDOR_RENDER_THREADS", Math.min(2, Math.max(1, availableParallelism() - 1)));
/** PNGs waiting for a thread; more are refused with 503. */
export const RENDER_QUEUE = envCount("CORRIDOR_RENDER_QUEUE", 2);
/** What a refused client is told to wait: about one large render. */
export const RETRY_AFTER_SECONDS = 10;

/** Every thread busy and the queue full: the answer is 503 with Retry-After, not a wait. */
export class RendererBusy extends Error {
  readonly retryAfter = RETRY_AFTER_SECONDS;
  constructor() {
    super(`the PNG renderer is busy (${RENDER_THREADS} rendering, ${RENDER_QUEUE} waiting); try again in ${RETRY_AFTER_SECONDS} s`);
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

/** Admitted and not finished: rendering, waiting, or still building its SVG on the main thread. */
let admitted = 0;

/** Refuses a PNG over the pixel budget with a 400 that says the limit. */
export function checkPixels(width: number, height: number, scale: number): void {
  const pixels = Math.round(width * scale) * Math.round(height * scale);
  if (pixels <= MAX_PNG_PIXELS) return;
  const n = (x: number) => x.toLocaleString("en-US");
  throw new ParameterError(
    "scale",
    `a ${n(Math.round(width * scale))} × ${n(Math.round(height * scale))} PNG (width × height × scale²) is ${n(pixels)} pixels; the limit is ${n(MAX_PNG_PIXELS)}: lower the scale, width or height`,
  );
}

/**
 * The PNG of the SVG that `svg()` builds, rendered in the pool. Admission comes first, so a refused
 * request costs no SVG either; `size` (the requested width, and height when given) refuses an
 * oversized image before its SVG is built, the SVG's own size when the height follows the notes.
 */
export async function renderPng(svg: () => string, scale: number, size: { width: number; height?: number }): Promise<Buffer> {
  if (size.height !== undefined) checkPixels(size.width, size.height, scale);
  if (admitted >= RENDER_THREADS + RENDER_QUEUE) throw new RendererBusy();
  admitted++;
  try {
    const markup = svg();
    const root = markup.match(/<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/);
    if (!root) throw new Error("the chart SVG has no width and height");
    checkPixels(Number(root[1]), Number(root[2]), scale);
    const png: Uint8Array = await renderPool().run({ svg: markup, scale });
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  } finally {
    admitted--;
  }
}
