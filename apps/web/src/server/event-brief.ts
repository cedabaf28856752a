/**
 * The one-page brief of an event (/events/ID/brief.pdf, /ru/events/ID/brief.pdf): what render/pdf.ts
 * draws, from the event page's own data (eventPageData) — the same panels, the same figures — in the
 * reader's language: every word from the message catalog (Brief.*) or the data package's locale-aware
 * formatters, so the Russian brief has no English but the sources' own names.
 */
import { chartData, dataDate } from "@corridor/data";
import { countryName, formatValue, indicatorName, mergeSources, sourceLine } from "@corridor/data/pure";
import { db } from "@/server/db";
import { dateRange, pct } from "@/lib/format";
import { fill } from "@/lib/chart-words";
import { renderSeriesSvg } from "@/render/series-svg";
import type { EventBrief } from "@/render/pdf";
import { eventPageData } from "./event-page-data";
import { chartWords, translatorFor } from "./chart-words";
import { briefLabels } from "./brief-words";
import { eventText, otherLanguageNote, translationNote, type Locale } from "@/lib/event-text";

/** undefined when there is no such event. `origin` makes the printed address absolute. */
export async function eventBrief(id: string, origin: string, locale: Locale = "en"): Promise<EventBrief | undefined> {
  // The page's default view: no control corridors chosen.
  const loaded = await eventPageData(id, new URLSearchParams());
  if (!loaded) return undefined;
  const { event, panels } = loaded;
  const t = translatorFor(locale, "Brief");
  const kinds = translatorFor(locale, "KindOne");
  const verification = translatorFor(locale, "Verification");
  const words = chartWords(locale);
  // The first panel, in the page's order (the origin's own flows first).
  const shown = panels[0];
  let chartSvg: string | null = null;
  if (shown) {
    const { impact: r } = shown;
    const data = await chartData(await db(), { indicator: r.indicator.code, origin: r.origin, destination: r.destination });
    // This event only, labelled on the plot; its note under the chart.
    const own = data.events.filter((e) => e.id === event.id).map((e) => ({ ...e, key: true }));
    chartSvg = renderSeriesSvg({ ...data, events: own }, { width: 760, theme: "light", lang: locale });
  }
  // The panels' sources as their footers say them (publisher, release, licence, address), merged across panels.
  const stored = panels.flatMap((p) => p.sources);
  const sources = mergeSources(stored.flatMap((s) => (s.info ? [s.info] : []))).map((info) => sourceLine(info, locale));
  if (stored.some((s) => !s.info)) sources.push(t("noSource"));
  const figures = panels.map(({ impact: r }) => {
    const c = r.comparison;
    const b = r.baseline;
    const mean = (w: { mean: number; periods: string[] }) => `${formatValue(w.mean, r.indicator.unit, "card", { locale })} (${w.periods.join(", ")})`;
    return {
      what: `${indicatorName(r.indicator, locale)}: ${countryName(r.origin, locale)} → ${countryName(r.destination, locale)} (${r.indicator.unit})`,
      before: c.status === "ok" ? mean(c.before) : t("notEnough", { periods: c.missing.join(", ") }),
      after: c.status === "ok" ? mean(c.after) : "—",
      change: c.status === "ok" ? pct(c.changePct, locale) : "—",
      yearEarlier: b.status === "ok" ? pct(b.changePct, locale) : "—",
    };
  });
  const text = eventText(event, locale);
  const details: [string, string][] = [];
  // A translation is said as one; text in the other language is marked so.
  if (text.translation) details.push([t("text"), translationNote(text, locale)]);
  if (event.documentRef) details.push([t("document"), event.documentRef]);
  if (event.announcedOn) details.push([t("announced"), dateRange(event.announcedOn, null, "day", locale)]);
  if (event.inForceOn) details.push([t("inForce"), dateRange(event.inForceOn, null, "day", locale)]);
  // The verification note is the analyst's own words, in the language they wrote it.
  if (event.verificationNote) details.push([t("verification"), event.verificationNote]);
  const window = panels[0]?.impact.window ?? 2;
  const countries = event.countries
    .map((c) => (c.code === "ALL" ? t("allForeign") : c.role === "affected" ? t("affected", { country: countryName(c.code, locale) }) : countryName(c.code, locale)))
    .join(", ");
  const date = await dataDate(await db());
  return {
    title: text.fallback ? `${text.title} ${otherLanguageNote(text.lang, locale)}` : text.title,
    facts: [kinds(event.kind), dateRange(event.startsOn, event.endsOn, event.datePrecision, locale), verification(event.verification), countries].filter(Boolean).join(" · "),
    details,
    summary: text.summary,
    chartSvg,
    figures,
    method: t("method", { window }),
    sources: [
      ...(event.sourceUrl || event.documentRef ? [t("sourceEvent", { what: [event.documentRef, event.sourceUrl].filter(Boolean).join(", ") })] : []),
      ...sources.map((s) => t("sourceData", { what: s })),
      t("sourceEvents"),
    ],
    footer: fill(words.provenance, { date: date ?? words.noImportYet, address: `${origin}${locale === "en" ? "" : `/${locale}`}/events/${encodeURIComponent(event.id)}` }),
    labels: briefLabels(locale, figures.length),
  };
}
