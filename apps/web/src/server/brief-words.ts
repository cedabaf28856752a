/** The event brief's own words (render/pdf.ts draws them) in a language, from the catalog's Brief namespace. */
import type { EventBrief } from "@/render/pdf";
import { translatorFor } from "./chart-words";

/** `rows`: how many figure rows the brief has, so each "n more rows" line can be said with the locale's plural. */
export function briefLabels(locale: "en" | "ru", rows: number): EventBrief["labels"] {
  const t = translatorFor(locale, "Brief");
  return {
    lang: locale,
    heading: t("heading"),
    subject: t("subject"),
    sources: t.raw("sources") as string,
    head: [t("head.what"), t("head.before"), t("head.after"), t("head.change"), t("head.yearEarlier")],
    continued: t("continued"),
    moreRows: Array.from({ length: rows + 1 }, (_, n) => t("moreRows", { count: n })),
    noFigures: t("noFigures"),
  };
}
