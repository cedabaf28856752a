/**
 * SVG → PNG with resvg (a maintained Rust rasteriser; no browser). Fonts are the Inter files shipped
 * in node_modules, not the machine's: the same PNG on every server, Cyrillic titles included.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

let fontFiles: string[] | undefined;
function fonts(): string[] {
  // Resolved from the app's folder at run time: bundlers must not rewrite these paths.
  const require = createRequire(join(process.cwd(), "package.json"));
  fontFiles ??= ["400Regular/Inter_400Regular.ttf", "600SemiBold/Inter_600SemiBold.ttf", "700Bold/Inter_700Bold.ttf"].map((f) => require.resolve(`@expo-google-fonts/inter/${f}`));
  return fontFiles;
}

/** `scale` multiplies the SVG's own size: 2 gives a 1920-px-wide PNG of a 960-px chart, for print. */
export function svgToPng(svg: string, scale = 1): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { fontFiles: fonts(), loadSystemFonts: false, defaultFontFamily: "Inter" },
    background: "rgba(0,0,0,0)",
  });
  return resvg.render().asPng();
}
