/**
 * The one-page brief of an event (/events/ID/brief.pdf): what render/pdf.ts draws, from the event
 * page's own data (eventPageData) — the same panels, the same figures, in the same words.
 */
import { chartData, dataDate } from "@corridor/data";
import { countryName, formatValue, mergeSources, sourceLine } from "@corridor/data/pure";
import { db } from "@/server/db";
import { dateRange, pct } from "@/lib/format";
import { KIND_LABEL } from "@/lib/palette";
import { renderSeriesSvg } from "@/render/series-svg";
import type { EventBrief } from "@/render/pdf";
import { eventPageData } from "./event-page-data";
import { eventText, otherLanguageNote, translationNote, type Locale } from "@/lib/event-text";

/** undefined when there is no such event. `origin` makes the printed address absolute. */
export async function eventBrief(id: string, origin: string, locale: Locale = "en"): Promise<EventBrief | undefined> {
  // The page's default view: no control corridors chosen.
  const loaded = await eventPageData(id, new URLSearchParams());
  if (!loaded) return undefined;
  const { event, panels } = loaded;
  // The first panel, in the page's order (the origin's own flows first).
  const shown = panels[0];
  let chartSvg: string | null = null;
  if (shown) {
    const { impact: r } = shown;
    const data = await chartData(db(), { indicator: r.indicator.code, origin: r.origin, destination: r.destination });
    // This event only, labelled on the plot; its note under the chart.
    const own = data.events.filter((e) => e.id === event.id).map((e) => ({ ...e, key: true }));
    chartSvg = renderSeriesSvg({ ...data, events: own }, { width: 760, theme: "light" });
  }
  // The panels' sources as their footers say them (publisher, release, licence, address), merged across panels.
  const stored = panels.flatMap((p) => p.sources);
  const sources = mergeSources(stored.flatMap((s) => (s.info ? [s.info] : []))).map(sourceLine);
  if (stored.some((s) => !s.info)) sources.push("values without a stored source");
  const figures = panels.map(({ impact: r, originName, destinationName }) => {
    const c = r.comparison;
    const b = r.baseline;
    const mean = (w: { mean: number; periods: string[] }) => `${formatValue(w.mean, r.indicator.unit, "card")} (${w.periods.join(", ")})`;
    return {
      what: `${r.indicator.name}: ${originName} → ${destinationName} (${r.indicator.unit})`,
      before: c.status === "ok" ? mean(c.before) : `not enough data: missing ${c.missing.join(", ")}`,
      after: c.status === "ok" ? mean(c.after) : "—",
      change: c.status === "ok" ? pct(c.changePct) : "—",
      yearEarlier: b.status === "ok" ? pct(b.changePct) : "—",
    };
  });
  const text = eventText(event, locale);
  const details: [string, string][] = [];
  // A translation is said as one; text in the other language is marked so.
  if (text.translation) details.push(["Text", translationNote(text, locale)]);
  if (event.documentRef) details.push(["Document", event.documentRef]);
  if (event.announcedOn) details.push(["Announced", dateRange(event.announcedOn, null)]);
  if (event.inForceOn) details.push(["In force", dateRange(event.inForceOn, null)]);
  if (event.verificationNote) details.push(["Verification", event.verificationNote]);
  const window = panels[0]?.impact.window ?? 2;
  const countries = event.countries.map((c) => `${c.code === "ALL" ? "all foreign nationals" : countryName(c.code)}${c.role === "affected" ? " (affected)" : ""}`).join(", ");
  return {
    title: text.fallback ? `${text.title} ${otherLanguageNote(text.lang, locale)}` : text.title,
    facts: [KIND_LABEL[event.kind], dateRange(event.startsOn, event.endsOn, event.datePrecision), event.verification, countries].filter(Boolean).join(" · "),
    details,
    summary: text.summary,
    chartSvg,
    figures,
    method: `Before and after: the mean of the ${window} periods before and the ${window} after the event's period, that period excluded, as published; "Year earlier": the same windows a year before, the change a season brings without the event. A comparison of means, not an estimate of the event's effect.`,
    sources: [
      ...(event.sourceUrl || event.documentRef ? [`event: ${[event.documentRef, event.sourceUrl].filter(Boolean).join(", ")}`] : []),
      ...sources.map((s) => `data: ${s}`),
      "events: Corridor event register",
    ],
    footer: `Corridor · data of ${(await dataDate(db())) ?? "no import yet"} · ${origin}/events/${encodeURIComponent(event.id)}`,
  };
}
