/**
 * SVG → PNG off the main thread, in the render pool (render-pool.ts, resvg in render-worker.mjs),
 * with a third bound beside the pool's two: a pixel budget per image (400).
 */
import { ParameterError } from "@/lib/params";
import { renderInPool } from "./render-pool";

/**
 * width × height × scale² of one PNG: 64 megapixels, so the largest documented print image — the
 * widest chart (2400) at scale 4 with its notes, 9600 × 5756 for the seeded corridors — still
 * renders, and one render holds at most 256 MB of pixels.
 */
export const MAX_PNG_PIXELS = 64_000_000;

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
 * The PNG of the SVG that `svg()` builds, rendered in the pool. `size` (the requested width, and
 * height when given) refuses an oversized image before its SVG is built, the SVG's own size when
 * the height follows the notes.
 */
export async function renderPng(svg: () => string, scale: number, size: { width: number; height?: number }): Promise<Buffer> {
  if (size.height !== undefined) checkPixels(size.width, size.height, scale);
  return renderInPool("PNG", "default", () => {
    const markup = svg();
    const root = markup.match(/<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/);
    if (!root) throw new Error("the chart SVG has no width and height");
    checkPixels(Number(root[1]), Number(root[2]), scale);
    return { svg: markup, scale };
  });
}
