/**
 * PDFs off the main thread: any chart as a one-page vector PDF, and an event's one-page A4 brief,
 * drawn by render-pdf.mjs (pdfkit, svg-to-pdfkit, embedded Inter) in the render pool's worker
 * threads, under the same bounds as PNGs (503 + Retry-After when the pool is full).
 */
import type { EventBrief } from "../../render-pdf.mjs";
import { renderInPool } from "./render-pool";

export type { EventBrief };

/** A chart's SVG as a one-page vector PDF the size of the SVG (960 px → 720 pt, 10 inches). */
export function svgToPdf(svg: string, info: { title: string }): Promise<Buffer> {
  return renderInPool("PDF", "svgToPdf", () => ({ svg, title: info.title }));
}

/** The event's one-page A4 brief (what server/event-brief.ts says of it). */
export function eventBriefPdf(brief: EventBrief): Promise<Buffer> {
  return renderInPool("PDF", "eventBriefPdf", () => brief);
}
