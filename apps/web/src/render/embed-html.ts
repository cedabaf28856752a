/**
 * The embed page: a complete, chrome-free HTML document around the server-rendered chart SVG. No
 * framework JavaScript: one small script (public/embed-frame.js) re-requests the SVG at the
 * iframe's real width and reports the height to the host page's /embed.js.
 */
import { chartQuery } from "@/lib/params";
import { DARK } from "@/components/chart-layers";
import type { ChartSource } from "./chart-source";
import { chartWords } from "./chart-svg";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Dark colours for the `cr-*` classes, applied when the theme is dark, or auto and the reader's system is dark. */
const darkRules = `.cr-bg{fill:${DARK.background}}.cr-text{fill:${DARK.text}}.cr-muted{fill:${DARK.muted}}.cr-grid{stroke:${DARK.grid}}
.recharts-cartesian-axis-line,.recharts-cartesian-axis-tick-line{stroke:${DARK.axis}}.recharts-cartesian-axis-tick-value{fill:${DARK.muted}}
.series-line .recharts-curve{stroke:${DARK.series}}.series-line .recharts-dot{fill:${DARK.background};stroke:${DARK.series}}
body{background:${DARK.background};color:${DARK.text}}a{color:#93c5fd}`;

export function embedHtml({ source, svg, viewHref }: { source: ChartSource; svg: string; viewHref: string }): string {
  const { chart } = source;
  const { title, summary } = chartWords(source);
  const fragment = `/embed/${source.kind}?${chartQuery(chart, { width: 960 })}&fragment=1`;
  const dark = chart.theme === "dark" ? darkRules : chart.theme === "auto" ? `@media (prefers-color-scheme: dark){${darkRules}}` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} · Corridor</title>
<meta name="description" content="${escape(summary.slice(0, 300))}">
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<meta name="color-scheme" content="${chart.theme === "auto" ? "light dark" : chart.theme}">
<style>html,body{margin:0;padding:0;background:#fff;color:#111827;font-family:Inter,'Liberation Sans',Arial,sans-serif}
#chart svg{display:block;width:100%;height:auto}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.view{display:block;padding:0 16px 10px;font-size:12px;color:inherit}
${dark}</style></head>
<body><main>
<figure id="chart" style="margin:0" data-fragment="${escape(fragment)}" data-width="${chart.width}">${svg.replace(/^<\?xml[^>]*>\s*/, "")}</figure>
<p class="sr-only">${escape(summary)}</p>
<a class="view" href="${escape(viewHref)}" target="_blank" rel="noopener">Open this chart in Corridor ↗</a>
</main><script src="/embed-frame.js" defer></script></body></html>`;
}
