/**
 * PDFs drawn on the server without a browser: pdfkit writes the page, svg-to-pdfkit turns the same
 * chart SVG the image exports use into PDF paths, and the Inter faces are embedded so every word is
 * real, selectable text. Two products: any chart as a one-page vector PDF (svgToPdf), and an event's
 * one-page A4 brief (eventBriefPdf). newPdf/drawSvg are the pieces, for other one-page documents
 * (the event page's impact panel).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";

/** The Inter files, resolved from the app's folder at run time like render-worker.mjs: the bundler must not rewrite them. */
const FACES = { Inter: "400Regular/Inter_400Regular.ttf", "Inter-SemiBold": "600SemiBold/Inter_600SemiBold.ttf" } as const;
type Face = keyof typeof FACES;
let fontFiles: Record<Face, string> | undefined;
function fonts(): Record<Face, string> {
  if (!fontFiles) {
    const require = createRequire(join(process.cwd(), "package.json"));
    fontFiles = Object.fromEntries(Object.entries(FACES).map(([name, file]) => [name, require.resolve(`@expo-google-fonts/inter/${file}`)])) as Record<Face, string>;
  }
  return fontFiles;
}

/** px of an SVG → pt of a PDF (96 px and 72 pt to the inch), as svg-to-pdfkit assumes. */
export const PT_PER_PX = 72 / 96;

/** A pdfkit document with Inter embedded under the names "Inter" and "Inter-SemiBold", its info filled in. */
export function newPdf(options: { size: [number, number] | "A4"; title: string; subject?: string; lang?: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: options.size,
    margin: 0,
    // Inter from the start: no built-in Helvetica (its metrics files and its Latin-only glyphs).
    font: fonts().Inter,
    info: { Title: options.title, Subject: options.subject ?? "", Creator: "Corridor", Producer: "Corridor (pdfkit)" },
    displayTitle: true,
    lang: options.lang ?? "en",
    compress: true,
  });
  for (const [name, file] of Object.entries(fonts())) doc.registerFont(name, file);
  doc.font("Inter");
  return doc;
}

/**
 * The SVG drawn as vectors at (x, y), `width` pt wide (the height follows the SVG's proportions).
 * Text stays text in Inter: weight 600 and bold are set in the semibold face, the only bold the charts use.
 */
export function drawSvg(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, width: number): number {
  const size = svgSize(svg);
  const height = (width / size.width) * size.height;
  const warnings: string[] = [];
  SVGtoPDF(doc, svg.replace(/font-weight="(600|700|bold)"/g, 'font-weight="bold"'), x, y, {
    width,
    height,
    preserveAspectRatio: "xMinYMin meet",
    fontCallback: (_family: string, bold: boolean) => (bold ? "Inter-SemiBold" : "Inter"),
    warningCallback: (message: string) => warnings.push(message),
  });
  // A warning means something of the chart was not drawn: better no PDF than a silently partial one.
  if (warnings.length) throw new Error(`the chart SVG did not convert to PDF: ${warnings.slice(0, 3).join("; ")}`);
  return height;
}

/** The root <svg>'s width and height in px. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = svg.match(/<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/);
  if (!root) throw new Error("the chart SVG has no width and height");
  return { width: Number(root[1]), height: Number(root[2]) };
}

/** The finished document's bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

/** A chart as a one-page vector PDF the size of the SVG (960 px → 720 pt, 10 inches). */
export async function svgToPdf(svg: string, info: { title: string }): Promise<Buffer> {
  const { width, height } = svgSize(svg);
  const doc = newPdf({ size: [width * PT_PER_PX, height * PT_PER_PX], title: info.title });
  drawSvg(doc, svg, 0, 0, width * PT_PER_PX);
  return pdfBytes(doc);
}

/** What an event brief says; built by server/event-brief.ts from the event page's data. */
export interface EventBrief {
  title: string;
  /** "Decree · 28 Dec 2024 · verified · TJK, RUS" */
  facts: string;
  /** Document, announced, in force: [label, text]. */
  details: [string, string][];
  summary: string;
  /** The corridor's chart with the event labelled, as the image exports draw it (light theme). */
  chartSvg: string | null;
  /** Before/after rows: corridor and indicator, the means with their periods, the change, the year-earlier change. */
  figures: { what: string; before: string; after: string; change: string; yearEarlier: string }[];
  /** Said under the table: how the figures are computed. */
  method: string;
  sources: string[];
  /** "Corridor · data of … · https://…/events/ID" */
  footer: string;
  /** The page's own words in the brief's language (server/event-brief.ts takes them from the catalog). */
  labels: {
    lang: string;
    heading: string;
    subject: string;
    /** "Sources: {list}" */
    sources: string;
    /** The table's head: corridor and indicator, before, after, change, year earlier. */
    head: [string, string, string, string, string];
    /** Appended to a summary shortened to fit. */
    continued: string;
    /** moreRows[n]: the line saying n more rows are on the event's page (plurals done by the catalog). */
    moreRows: string[];
    noFigures: string;
  };
}

const A4: [number, number] = [595.28, 841.89];
const M = 42; // margins, pt
const INK = "#111827";
const MUTED = "#4b5563";

/**
 * One A4 page, whatever the lengths: the text blocks are measured first, the chart gets the height
 * left (never less than 280 pt), and a summary or table too long for the page is shortened with a
 * line that says where the rest is — nothing runs off the page or onto a second one.
 */
export function eventBriefPdf(brief: EventBrief): Promise<Buffer> {
  const words = brief.labels;
  const doc = newPdf({ size: "A4", title: brief.title, subject: words.subject, lang: words.lang });
  const width = A4[0] - 2 * M;
  const bottom = A4[1] - M;
  const h = (text: string, size: number, face: Face = "Inter") => doc.font(face).fontSize(size).heightOfString(text, { width, lineGap: 1.5 });
  const put = (text: string, y: number, size: number, colour = INK, face: Face = "Inter") => {
    doc.font(face).fontSize(size).fillColor(colour).text(text, M, y, { width, lineGap: 1.5, lineBreak: true });
    return y + h(text, size, face);
  };

  const footerHeight = h(brief.footer, 7.5);
  const sourcesText = words.sources.replace("{list}", brief.sources.join("; "));
  const sourcesHeight = h(sourcesText, 8);
  let y = M;
  y = put(words.heading, y, 8, MUTED) + 4;
  y = put(brief.title, y, 16, INK, "Inter-SemiBold") + 4;
  y = put(brief.facts, y, 9.5, MUTED) + 2;
  for (const [label, text] of brief.details) y = put(`${label}: ${text}`, y, 9, MUTED);
  y += 6;

  // The table, then how much summary and chart the page still holds.
  const tableRows = brief.figures.map((f) => [f.what, f.before, f.after, f.change, f.yearEarlier]);
  const head = words.head;
  const columns = [0.34, 0.21, 0.21, 0.11, 0.13].map((f) => f * width);
  const rowHeight = (row: string[]) =>
    Math.max(
      ...row.map((cell, i) =>
        doc
          .font("Inter")
          .fontSize(8)
          .heightOfString(cell, { width: columns[i]! - 6 }),
      ),
    ) + 5;
  const methodHeight = brief.figures.length ? h(brief.method, 7.5) + 4 : h(words.noFigures, 8.5);
  const fixedBelow = 10 + methodHeight + 8 + sourcesHeight + 6 + footerHeight;
  // The chart keeps a readable size (at 280 pt tall its 11 px notes print at about 6 pt); the summary
  // gets at most a fifth of the page, the table the rest.
  const MIN_CHART = brief.chartSvg ? 280 : 0;

  const summaryRoom = Math.min(A4[1] / 5, bottom - y - fixedBelow - MIN_CHART - (tableRows.length ? rowHeight(head) + rowHeight(tableRows[0]!) : 0));
  let summary = brief.summary;
  if (summary && h(summary, 9.5) > summaryRoom) {
    // Shortened at a whole word, and said: the full text is on the event's page (the footer's address).
    // The most words that fit, found by bisection (each measure lays the text out again).
    const summaryWords = summary.split(/\s+/);
    const cut = (n: number) => `${summaryWords.slice(0, n).join(" ")} ${words.continued}`;
    let [fits, tooMany] = [0, summaryWords.length];
    while (tooMany - fits > 1) {
      const mid = Math.floor((fits + tooMany) / 2);
      if (h(cut(mid), 9.5) <= summaryRoom) fits = mid;
      else tooMany = mid;
    }
    summary = cut(fits);
  }
  if (summary) y = put(summary, y, 9.5) + 8;

  // As many whole rows as leave the chart its minimum; the rest are counted, not drawn.
  const heights = tableRows.map(rowHeight);
  const headHeight = tableRows.length ? rowHeight(head) : 0;
  let shown = tableRows.length;
  let tableHeight = headHeight + heights.reduce((a, b) => a + b, 0);
  while (shown > 1 && bottom - y - fixedBelow - tableHeight < MIN_CHART) tableHeight -= heights[--shown]!;
  const rows = tableRows.slice(0, shown);
  const left = tableRows.length - shown;

  if (brief.chartSvg) {
    const room = bottom - y - fixedBelow - tableHeight - (left ? h("x", 8) : 0) - 8;
    const size = svgSize(brief.chartSvg);
    // As wide as the page, unless the page is too short for the chart's proportions.
    const chartWidth = Math.min(width, (room / size.height) * size.width);
    y += drawSvg(doc, brief.chartSvg, M, y, chartWidth) + 8;
  }

  if (rows.length) {
    const drawRow = (row: string[], face: Face, colour: string) => {
      let x = M;
      row.forEach((cell, i) => {
        doc
          .font(face)
          .fontSize(8)
          .fillColor(colour)
          .text(cell, x + 3, y + 2.5, { width: columns[i]! - 6, lineBreak: true });
        x += columns[i]!;
      });
      y += rowHeight(row);
      doc
        .moveTo(M, y)
        .lineTo(M + width, y)
        .lineWidth(0.5)
        .strokeColor("#d1d5db")
        .stroke();
    };
    drawRow(head, "Inter-SemiBold", INK);
    for (const row of rows) drawRow(row, "Inter", INK);
    if (left) y = put(words.moreRows[left] ?? `… ${left}`, y + 2, 8, MUTED);
    y = put(brief.method, y + 4, 7.5, MUTED);
  } else y = put(words.noFigures, y, 8.5, MUTED);

  y = put(sourcesText, y + 8, 8, MUTED);
  put(brief.footer, Math.max(y + 6, bottom - footerHeight), 7.5, MUTED);
  return pdfBytes(doc);
}
