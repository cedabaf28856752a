/**
 * ChartWords for a language, from the message catalogs. Server code only (pages, the image and
 * embed routes): it imports both catalogs, which a client bundle must never do.
 */
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import { createTranslator } from "next-intl";
import type { ChartWords } from "@/lib/chart-words";

const CATALOGS = { en, ru };

export function chartWords(locale: "en" | "ru" = "en"): ChartWords {
  const m = CATALOGS[locale];
  return { locale, kinds: m.Kinds, caveats: m.Caveats, ...m.Chart };
}

/**
 * A catalog translator for code that runs outside a page's request (pages-router routes: the brief
 * PDF, chart images), where next-intl's getTranslations has no locale to read.
 */
export function translatorFor<N extends keyof typeof en>(locale: "en" | "ru", namespace: N) {
  return createTranslator({ locale, messages: CATALOGS[locale] as typeof en, namespace });
}
