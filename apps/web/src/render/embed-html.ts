/**
 * The embed page: a complete, chrome-free HTML document around the server-rendered chart SVG. No
 * framework JavaScript: one small script (public/embed-frame.js) re-requests the SVG at the
 * iframe's real width and reports the height to the host page's /embed.js.
 */
import { chartQuery } from "@/lib/params";
import { DARK } from "@/components/chart-layers";
import type { ChartSource } from "./chart-source";
import { chartWords } from "./chart-svg";
import { chartWords as catalogWords } from "@/server/chart-words";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Dark colours for the `cr-*` classes, applied when the theme is dark, or auto and the reader's system is dark. */
const darkRules = `.cr-bg{fill:${DARK.background}}.cr-text{fill:${DARK.text}}.cr-muted{fill:${DARK.muted}}.cr-grid{stroke:${DARK.grid}}
.recharts-cartesian-axis-line,.recharts-cartesian-axis-tick-line{stroke:${DARK.axis}}.recharts-cartesian-axis-tick-value{fill:${DARK.muted}}
.series-line .recharts-curve{stroke:${DARK.series}}.series-line .recharts-dot{fill:${DARK.background};stroke:${DARK.series}}
html,body{background:${DARK.background};color:${DARK.text}}a{color:#93c5fd}`;

const EMBED_PARAMETERS: Record<"series" | "compare", [string, string][]> = {
  series: [
    ["indicator", "the indicator's code, e.g. remittances_received_usd or work_patents_issued (required)"],
    ["origin", "origin country, ISO alpha-3, e.g. TJK (required)"],
    ["destination", "destination country, e.g. RUS; WLD (the default) for all partners"],
    ["frequency", "A, H, Q, M or D; default: the series' own"],
    ["from, to", "the periods to show, e.g. 2015 or 2020-Q1"],
    ["hide", "event kinds to leave out, e.g. decree,law"],
    ["version", "a pinned snapshot's id, instead of the series parameters"],
    ["width, height", "the drawing's size in pixels (width 280–2400, default 960)"],
    ["theme", "light, dark or auto (the default: follows the reader's setting)"],
    ["notes", "0 leaves out the numbered event notes"],
  ],
  compare: [
    ["indicator", "the indicator's code"],
    ["series", "the corridors, e.g. TJK-WLD,KGZ-WLD"],
    ["frequency, from, to", "as for series"],
    ["chart", "line, bar or area"],
    ["log, index", "log=1 for a log scale; index=2015 to index to a year"],
    ["version", "a pinned snapshot's id"],
    ["width, height, theme", "as for series"],
  ],
};

/** A readable page for /embed/… without the parameters it needs: what it takes, and an example to start from. */
export function embedHelpHtml(kind: "series" | "compare", problem: string | null): string {
  const example = kind === "series" ? "/embed/series?indicator=remittances_received_usd&origin=TJK&destination=RUS" : "/embed/compare?series=TJK-WLD,KGZ-WLD&from=2015";
  const rows = EMBED_PARAMETERS[kind].map(([name, text]) => `<tr><th scope="row"><code>${escape(name)}</code></th><td>${escape(text)}</td></tr>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Embed a Corridor chart</title><meta name="color-scheme" content="light dark"><link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>body{margin:0;padding:16px;font-family:Inter,'Liberation Sans',Arial,sans-serif;background:#fff;color:#111827;line-height:1.5}
main{max-width:44rem}th{text-align:left;padding:4px 12px 4px 0;vertical-align:top;white-space:nowrap}td{padding:4px 0}a{color:#1d4ed8}
.problem{border-left:4px solid #b45309;padding:4px 12px;background:#fffbeb}
@media (prefers-color-scheme: dark){html,body{background:${DARK.background};color:${DARK.text}}a{color:#93c5fd}.problem{background:#291a05}}</style></head>
<body><main><h1>Embed a Corridor chart</h1>
${problem ? `<p class="problem" role="alert">This embed cannot be drawn: ${escape(problem)}.</p>` : `<p>This address draws a chart for an iframe once it is told which one.</p>`}
<p><code>/embed/${kind}</code> takes these query parameters:</p>
<table><tbody>${rows}</tbody></table>
<p>For example: <a href="${escape(example)}">${escape(example)}</a>. The easiest way is the <strong>Embed</strong> button under any chart in Corridor, which writes the code for you.</p>
</main></body></html>`;
}

export function embedHtml({ source, svg, viewHref }: { source: ChartSource; svg: string; viewHref: string }): string {
  const { chart } = source;
  const { title, summary } = chartWords(source);
  const words = catalogWords(chart.lang);
  const fragment = `/embed/${source.kind}?${chartQuery(chart, { width: 960 })}&fragment=1`;
  const dark = chart.theme === "dark" ? darkRules : chart.theme === "auto" ? `@media (prefers-color-scheme: dark){${darkRules}}` : "";
  return `<!doctype html>
<html lang="${chart.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
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
<a class="view" href="${escape(viewHref)}" target="_blank" rel="noopener">${escape(words.openInCorridor)}</a>
</main><script src="/embed-frame.js" defer></script></body></html>`;
}
