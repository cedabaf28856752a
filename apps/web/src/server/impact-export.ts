/**
 * An impact panel's exports (GET /api/charts/impact.{svg,png,pdf,csv,json}): the estimate the event page
 * shows for one indicator and corridor (and control corridor), computed by the same impact() the CLI
 * runs, written by the data package's writers — the JSON is the CLI's `events impact … --method its
 * --json` — or drawn by render/impact-svg (the PDF: that drawing in vectors, render/pdf). The footer
 * gives the data's date and the event page that shows the panel. Bad parameters are a 400 naming the parameter.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { CorridorError, dataDate, getEvent, httpStatusOf, impact, series } from "@corridor/data";
import { impactJson, itsCsv } from "@corridor/data/pure";
import { db } from "@/server/db";
import { controlHref, parseImpactExportParams, type ImpactExportParams, type ImpactFormat } from "@/lib/impact-view";
import { renderImpactSvg, type ImpactExportData } from "@/render/impact-svg";
import { fill } from "@/lib/chart-words";
import { localePath } from "@/i18n/locale-path";
import { chartWords, translatorFor } from "./chart-words";
import { indicatorName } from "@corridor/data/pure";
import { toChartEvent } from "@/lib/chart-model";
import { renderPng } from "@/render/png";
import { RendererBusy } from "@/render/render-pool";
import { svgToPdf } from "@/render/pdf";
import { NotFound, requestOrigin } from "./chart-response";

const CONTENT_TYPE: Record<ImpactFormat, string> = {
  svg: "image/svg+xml; charset=utf-8",
  png: "image/png",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export async function loadImpactExport(p: ImpactExportParams): Promise<ImpactExportData> {
  const event = await getEvent(await db(), p.event);
  if (!event) throw new NotFound(`no event "${p.event}"`);
  const query = { event: p.event, indicator: p.indicator, origin: p.origin, destination: p.destination };
  const result = await impact(await db(), { ...query, method: "its", control: p.control ?? undefined });
  const s = await series(await db(), { indicator: p.indicator, origin: p.origin, destination: p.destination });
  const sources = [...new Set(s.points.map((pt) => pt.source).filter((x): x is string => !!x))];
  return { impact: result, event: toChartEvent(event, p.lang), sources };
}

/** The event page that shows this panel (with its control corridor), as a printed footer names it. */
function panelAddress(origin: string, p: ImpactExportParams): string {
  return `${origin}${localePath(controlHref(`/events/${encodeURIComponent(p.event)}`, new URLSearchParams(), p, p.control), p.lang)}`;
}

async function body(data: ImpactExportData, p: ImpactExportParams, format: ImpactFormat, origin: string): Promise<Buffer> {
  if (format === "json") return Buffer.from(impactJson(data.impact));
  if (format === "csv") {
    if (!data.impact.its) throw new CorridorError("usage", "this series has no interrupted time series to export", { parameter: "indicator" });
    return Buffer.from(itsCsv(data.impact.its));
  }
  const words = chartWords(p.lang);
  const provenance = fill(words.provenance, { date: (await dataDate(await db())) ?? words.noImportYet, address: panelAddress(origin, p) });
  const svg = () => renderImpactSvg(data, { width: p.width, theme: p.theme, provenance, lang: p.lang });
  if (format === "svg") return Buffer.from(svg());
  if (format === "pdf") return svgToPdf(svg(), { title: translatorFor(p.lang, "ImpactExport")("title", { indicator: indicatorName(data.impact.indicator, p.lang), event: data.event.title }) });
  return renderPng(svg, p.scale, { width: p.width });
}

export async function serveImpactExport(req: NextApiRequest, res: NextApiResponse, format: ImpactFormat): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return void res.status(405).setHeader("allow", "GET, HEAD").json({ error: "method not allowed" });
  try {
    const p = parseImpactExportParams(new URL(req.url ?? "/", "http://localhost").searchParams);
    const data = await loadImpactExport(p);
    const bytes = await body(data, p, format, requestOrigin(req));
    const control = p.control ? `_vs_${p.control.origin}-${p.control.destination}` : "";
    res.setHeader("content-type", CONTENT_TYPE[format]);
    res.setHeader("cache-control", "private, max-age=60");
    if (p.download) res.setHeader("content-disposition", `attachment; filename="impact_${p.event}_${p.indicator}_${p.origin}-${p.destination}${control}.${format}"`);
    res.status(200).send(req.method === "HEAD" ? "" : bytes);
  } catch (error) {
    if (error instanceof RendererBusy) return void res.status(503).setHeader("retry-after", String(error.retryAfter)).json({ error: error.message });
    if (CorridorError.is(error)) return void res.status(httpStatusOf(error.code)).json(error.body());
    console.error(error);
    res.status(500).json({ error: "internal error" });
  }
}
