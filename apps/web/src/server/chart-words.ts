/**
 * ChartWords for a language, from the message catalogs. Server code only (pages, the image and
 * embed routes): it imports both catalogs, which a client bundle must never do.
 */
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import type { ChartWords } from "@/lib/chart-words";

const CATALOGS = { en, ru };

export function chartWords(locale: "en" | "ru" = "en"): ChartWords {
  const m = CATALOGS[locale];
  return { locale, kinds: m.Kinds, caveats: m.Caveats, ...m.Chart };
}
