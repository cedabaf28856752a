/**
 * GET /api/charts/series.{svg,png,csv,json} — the dashboard's chart as a standalone image for
 * reports, or its data (points, sources, the events shown as numbered notes). A pages-router API
 * route on purpose: recharts needs react-dom/server's full build, which App Router route handlers
 * (react-server) do not have.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { fileName, serveChart } from "@/server/chart-response";
import { renderSeriesSvg } from "@/render/series-svg";
import { svgToPng } from "@/render/png";
import { chartCsv, chartJson } from "@/render/series-data";

const FORMATS = { "series.svg": "svg", "series.png": "png", "series.csv": "csv", "series.json": "json" } as const;

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const file = String(req.query.file ?? "");
  const format = Object.hasOwn(FORMATS, file) ? FORMATS[file as keyof typeof FORMATS] : null;
  if (!format) return res.status(404).json({ error: `no chart "${file}" (${Object.keys(FORMATS).join(", ")})` });
  await serveChart(req, res, format, (source, params) => {
    const { chart } = source;
    const disposition = params.get("download") === "1" ? { "content-disposition": `attachment; filename="${fileName(source, format)}"` } : undefined;
    const data = { hidden: chart.hide, provenance: source.provenance };
    if (format === "csv") return { body: Buffer.from(chartCsv(source.data, data)), contentType: "text/csv; charset=utf-8", headers: disposition };
    if (format === "json") return { body: Buffer.from(chartJson(source.data, data)), contentType: "application/json; charset=utf-8", headers: disposition };
    const svg = renderSeriesSvg(source.data, { width: chart.width, height: chart.height, theme: chart.theme === "dark" ? "dark" : "light", hiddenKinds: chart.hide, notes: chart.notes, provenance: source.provenance });
    if (format === "svg") return { body: Buffer.from(svg), contentType: "image/svg+xml; charset=utf-8", headers: disposition };
    return { body: svgToPng(svg, chart.scale), contentType: "image/png", headers: disposition };
  });
}

// The chart key comes from the query string; no body to parse.
export const config = { api: { bodyParser: false } };
