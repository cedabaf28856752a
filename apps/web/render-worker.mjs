/**
 * The renderers run in worker threads by the pool in src/render/render-pool.ts (piscina): a large
 * PNG takes resvg seconds of CPU, a PDF most of a second of pdfkit, which on the main thread stalled
 * every other request. The default export rasterises (PNG); the PDFs are render-pdf.mjs's, named.
 * A plain .mjs beside server.mjs, not part of Next's bundle, so the built app loads it by path at
 * run time. Fonts are the Inter files shipped in node_modules, not the machine's: the same PNG on
 * every server, Cyrillic titles included.
 */
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";

export { svgToPdf, eventBriefPdf } from "./render-pdf.mjs";

const require = createRequire(import.meta.url);
const fontFiles = ["400Regular/Inter_400Regular.ttf", "600SemiBold/Inter_600SemiBold.ttf", "700Bold/Inter_700Bold.ttf"].map((f) => require.resolve(`@expo-google-fonts/inter/${f}`));

/** `scale` multiplies the SVG's own size: 2 gives a 1920-px-wide PNG of a 960-px chart, for print. */
export default function svgToPng({ svg, scale = 1 }) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: "Inter" },
    background: "rgba(0,0,0,0)",
  });
  return resvg.render().asPng();
}
