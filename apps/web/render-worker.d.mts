/** Types of render-worker.mjs, for the tests that call it directly. */
export default function svgToPng(task: { svg: string; scale?: number }): Buffer;
export { svgToPdf, eventBriefPdf } from "./render-pdf.mjs";
