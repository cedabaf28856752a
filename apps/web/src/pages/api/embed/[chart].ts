/**
 * /embed/series (rewritten here by next.config): the chart for an iframe in someone else's page.
 * Framable by the sites in CORRIDOR_EMBED_ANCESTORS (default: any); the rest of the app is not.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { serveChart } from "@/server/chart-response";
import { renderSeriesSvg } from "@/render/series-svg";
import { embedHtml } from "@/render/embed-html";
import { dashboardHref } from "@/lib/params";

function embedHeaders(): Record<string, string> {
  const ancestors = process.env.CORRIDOR_EMBED_ANCESTORS?.trim() || "*";
  return {
    "content-security-policy": `frame-ancestors ${ancestors}; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.query.chart !== "series") return res.status(404).json({ error: `no embed "${String(req.query.chart)}" (series)` });
  await serveChart(req, res, "embed", (source, params) => {
    const { chart, data } = source;
    const svg = renderSeriesSvg(data, { width: chart.width, height: chart.height, theme: chart.theme === "dark" ? "dark" : "light", hiddenKinds: chart.hide, notes: chart.notes, linkBase: "", provenance: source.provenance });
    if (params.get("fragment") === "1") return { body: Buffer.from(svg.replace(/^<\?xml[^>]*>\s*/, "")), contentType: "image/svg+xml; charset=utf-8", headers: embedHeaders() };
    const s = data.series;
    const viewHref = dashboardHref({ origin: s.origin, destination: s.destination === "WLD" ? "RUS" : s.destination, indicator: s.indicator.code, hide: chart.hide });
    return { body: Buffer.from(embedHtml({ chart, data, svg, viewHref })), contentType: "text/html; charset=utf-8", headers: embedHeaders() };
  });
}

export const config = { api: { bodyParser: false } };
