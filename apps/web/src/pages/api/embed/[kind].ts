/**
 * /embed/series and /embed/compare (rewritten here by next.config): the chart for an iframe in someone else's page.
 * Framable by the sites in CORRIDOR_EMBED_ANCESTORS (default: any); the rest of the app is not.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { requireNodeReader } from "@/server/auth";
import { env } from "@/lib/env";
import { serveChart } from "@/server/chart-response";
import { chartSvg, chartViewHref as viewHref } from "@/render/chart-svg";
import { embedHtml } from "@/render/embed-html";
import { CHART_KINDS, ParameterError, parseChartParams, type ChartKind } from "@/lib/params";
import { embedHelpHtml } from "@/render/embed-html";
import { localePath } from "@/i18n/locale-path";

function embedHeaders(): Record<string, string> {
  const ancestors = env().CORRIDOR_EMBED_ANCESTORS || "*";
  return {
    "content-security-policy": `frame-ancestors ${ancestors}; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const kind = String(req.query.kind) as ChartKind;
  if (!CHART_KINDS.includes(kind)) return res.status(404).json({ error: `no embed "${kind}" (${CHART_KINDS.join(", ")})` });
  // Checked here too, not only by server.mjs's gate (defence in depth).
  if (!(await requireNodeReader(req, res))) return;
  // An embed is opened by people (in an iframe, or to see what it takes): a missing or bad parameter
  // gets a readable page naming the parameters, not the API's JSON.
  const params = new URL(req.url ?? "/", "http://localhost").searchParams;
  params.delete("kind");
  try {
    parseChartParams(params, kind, "auto");
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    res.writeHead(400, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...embedHeaders() });
    return res.end(embedHelpHtml(kind, params.size ? error.message : null));
  }
  await serveChart(req, res, kind, "embed", (source, params) => {
    // Relative links: inside the iframe they resolve against this server, in the embed's language.
    const prefix = source.chart.lang === "en" ? "" : `/${source.chart.lang}`;
    const svg = chartSvg(source, { linkBase: prefix });
    if (params.get("fragment") === "1") return { body: Buffer.from(svg.replace(/^<\?xml[^>]*>\s*/, "")), contentType: "image/svg+xml; charset=utf-8", headers: embedHeaders() };
    return { body: Buffer.from(embedHtml({ source, svg, viewHref: localePath(viewHref(source), source.chart.lang) })), contentType: "text/html; charset=utf-8", headers: embedHeaders() };
  });
}

export const config = { api: { bodyParser: false } };
