/**
 * GET /events/ID/brief.pdf and /ru/events/ID/brief.pdf (rewritten here by next.config, the latter
 * with lang=ru): the event's one-page A4 brief as PDF in that language —
 * title, dates, summary, the corridor's chart with the event labelled, before/after figures,
 * sources. A pages-router route, as the chart exports are: the chart is recharts on react-dom/server.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { requireNodeReader } from "@/server/auth";
import { requestOrigin } from "@/server/chart-response";
import { eventBrief } from "@/server/event-brief";
import { eventBriefPdf } from "@/render/pdf";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET" && req.method !== "HEAD") return res.status(405).setHeader("allow", "GET, HEAD").json({ error: "method not allowed" });
  if (!(await requireNodeReader(req, res))) return;
  const id = String(req.query.id ?? "");
  // /ru/events/ID/brief.pdf arrives here with lang=ru (next.config): the brief in the reader's language.
  const lang = String(req.query.lang ?? "en");
  if (lang !== "en" && lang !== "ru") return res.status(400).json({ error: `lang: "${lang}" must be en or ru`, parameter: "lang" });
  const brief = await eventBrief(id, requestOrigin(req), lang);
  if (!brief) return res.status(404).json({ error: `no event "${id}"` });
  const pdf = await eventBriefPdf(brief);
  res.writeHead(200, {
    "content-type": "application/pdf",
    "content-length": String(pdf.length),
    "content-disposition": `inline; filename="${id.replace(/[^\w.-]+/g, "_")}-brief.pdf"`,
    // Drawn from live data: a reader's cache may keep it briefly, a shared cache never (it may sit behind sign-in).
    "cache-control": "private, max-age=60",
  });
  res.end(req.method === "HEAD" ? undefined : pdf);
}

export const config = { api: { bodyParser: false } };
