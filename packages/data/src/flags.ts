/**
 * What an observation's flag means: one glossary for tooltips, tables, chart notes and the CSV/JSON
 * downloads (`flag_meaning`). The seed uses `a`; the others are the letters Eurostat's OBS_FLAG and
 * the World Bank use, kept so an imported flag is never shown bare.
 */
export const FLAG_MEANINGS: Readonly<Record<string, string>> = {
  a: "approximate: the publication rounds",
  p: "provisional",
  e: "estimated",
  b: "break in series",
  c: "confidential",
  d: "definition differs",
  r: "revised",
  u: "low reliability",
  z: "not applicable",
};

const FLAG_MEANINGS_RU: Readonly<Record<string, string>> = {
  a: "приблизительно: публикация округляет",
  p: "предварительные данные",
  e: "оценка",
  b: "разрыв ряда",
  c: "конфиденциально",
  d: "определение отличается",
  r: "пересмотрено",
  u: "низкая надёжность",
  z: "неприменимо",
};

/** "approximate: the publication rounds"; an unknown letter says so rather than guessing. */
export function flagMeaning(flag: string | null | undefined, locale = "en"): string | null {
  if (!flag) return null;
  const ru = locale.split("-")[0]!.toLowerCase() === "ru";
  return flag
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((f) => (ru ? (FLAG_MEANINGS_RU[f.toLowerCase()] ?? `отметка «${f}» (нет в глоссарии)`) : (FLAG_MEANINGS[f.toLowerCase()] ?? `flag "${f}" (not in the glossary)`)))
    .join("; ");
}
