/**
 * The explorer comparison's words in a language that the page and the images share: a line's
 * corridor name, and the corridors left out. No drawing here, so an App Router page may import it
 * (render/ pulls in react-dom/server, which a server component must not).
 */
import { corridorWords, frequencyName, unitName } from "@corridor/data/pure";
import { FREQUENCY_ADJECTIVE } from "@/lib/chart-model";
import type { CompareData } from "@/render/chart-source";
import { translatorFor } from "./chart-words";

type Lang = "en" | "ru";

/** A line's label in `lang`: the stored one (English, as loaded and as snapshots keep it) or the corridor in Russian. */
export function lineLabel(line: { key: string; label: string }, lang: Lang): string {
  if (lang === "en") return line.label;
  const [origin, destination] = line.key.split("-") as [string, string];
  return corridorWords(origin, destination, lang);
}

/** The unit drawn: an index to 100 at its base (compareData's English "index, 2015 = 100") in `lang`, else the indicator's unit. */
export function compareUnit(unit: string, index: string | null, lang: Lang): string {
  return index ? translatorFor(lang, "Explorer")("indexUnit", { base: index }) : unitName(unit, lang);
}

/**
 * The corridors left out or empty, in `lang`: English is the loader's own sentences (as snapshots keep
 * them); another language words the structured `left` (a snapshot from before it had one keeps its English).
 */
export function leftOutNotes(data: CompareData, lang: Lang): { text: string; lang?: "en" }[] {
  if (lang === "en" || !data.left) return data.notes.map((text) => ({ text, ...(lang === "en" ? {} : { lang: "en" as const }) }));
  const t = translatorFor(lang, "Explorer");
  return data.left.map((l) => {
    const corridor = lineLabel({ key: l.key, label: l.key }, lang);
    return {
      text:
        l.why === "no-index"
          ? t("leftNoIndex", { corridor, index: l.index ?? "" })
          : t("leftNoValues", {
              corridor,
              frequency: l.frequency ? (lang === "ru" ? frequencyName(l.frequency, lang) : (FREQUENCY_ADJECTIVE[l.frequency] ?? l.frequency)) : "none",
              elsewhere: l.elsewhere ? "yes" : "no",
            }),
    };
  });
}
