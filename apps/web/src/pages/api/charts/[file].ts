/**
 * GET /api/charts/{series,compare}.{svg,png,pdf,csv,zip,json} — a chart as a standalone image for
 * reports (the PDF in vectors with its text as text), or its data: the CSV is one table (the points,
 * or the comparison's periods × corridors); the ZIP adds the events shown, the sources and the view's
 * metadata as files of their own; the JSON is all of it in one document. GET
 * /api/charts/impact.{svg,png,csv,json}: an event page's impact panel (server/impact-export).
 * A pages-router API route on purpose: recharts needs react-dom/server's full
 * build, which App Router route handlers (react-server) do not have.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { requireNodeReader } from "@/server/auth";
import { fileName, serveChart, type ChartSource } from "@/server/chart-response";
import { chartSvg, chartViewHref, chartWords } from "@/render/chart-svg";
import { compareTitle } from "@/render/compare-svg";
import { renderPng } from "@/render/png";
import { svgToPdf } from "@/render/pdf";
import { chartCsv, chartJson, chartZip, compareCsv, compareJson, compareZip } from "@/render/series-data";
import { CHART_KINDS, type ChartKind } from "@/lib/params";
import { IMPACT_FORMATS, type ImpactFormat } from "@/lib/impact-view";
import { serveImpactExport } from "@/server/impact-export";

const FORMATS = ["svg", "png", "pdf", "csv", "zip", "json"] as const;
type Format = (typeof FORMATS)[number];

const CONTENT_TYPE: Record<Format, string> = {
  svg: "image/svg+xml; charset=utf-8",
  png: "image/png",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  zip: "application/zip",
  json: "application/json; charset=utf-8",
};

async function body(source: ChartSource, format: Format): Promise<Buffer> {
  const { provenance } = source;
  const lang = source.chart.lang;
  if (format === "csv") return Buffer.from(source.kind === "compare" ? compareCsv(source.data) : chartCsv(source.data));
  if (format === "zip") {
    const view = chartViewHref(source);
    return source.kind === "compare"
      ? compareZip(source.data, { provenance, view, lang, ...compareTitle(source.data, source.chart.compare!, lang) })
      : chartZip(source.data, { hidden: source.chart.hide, provenance, view, lang });
  }
  if (format === "json") return Buffer.from(source.kind === "compare" ? compareJson(source.data, { provenance }) : chartJson(source.data, { hidden: source.chart.hide, provenance, lang }));
  if (format === "svg") return Buffer.from(chartSvg(source));
  if (format === "pdf") return svgToPdf(chartSvg(source), chartWords(source));
  return renderPng(() => chartSvg(source), source.chart.scale, { width: source.chart.width, height: source.chart.height });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const file = String(req.query.file ?? "");
  const [kind, format] = file.split(".") as [ChartKind, Format];
  if (kind === ("impact" as string) && IMPACT_FORMATS.includes(format as ImpactFormat) && file.split(".").length === 2) {
    if (!(await requireNodeReader(req, res))) return;
    return serveImpactExport(req, res, format as ImpactFormat);
  }
  if (!CHART_KINDS.includes(kind) || !FORMATS.includes(format) || file.split(".").length !== 2)
    return res.status(404).json({ error: `no chart "${file}" (${[...CHART_KINDS, "impact"].flatMap((k) => FORMATS.map((f) => `${k}.${f}`)).join(", ")})` });
  // Checked here too, not only by server.mjs's gate (defence in depth).
  if (!(await requireNodeReader(req, res))) return;
  await serveChart(req, res, kind, format, async (source, params) => ({
    body: await body(source, format),
    contentType: CONTENT_TYPE[format],
    headers: params.get("download") === "1" ? { "content-disposition": `attachment; filename="${fileName(source, format)}"` } : undefined,
  }));
}

// The chart key comes from the query string; no body to parse.
export const config = { api: { bodyParser: false } };
