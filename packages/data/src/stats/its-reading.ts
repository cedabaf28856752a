/**
 * An ITS estimate said in plain words, for the CLI and the event page: what changed at the event
 * and how sure the model is — or that it cannot be told apart from the trend. Never more precise
 * than the interval allows: numbers through the one formatting module (format.ts, "card": three
 * significant figures with the unit's words), as every other figure of the dashboard. English for
 * the CLI and the API's JSON; the event page asks for its reader's language (`locale`, "ru").
 */
import type { Estimate } from "./its.ts";
import type { Frequency } from "../periods.ts";
import type { IndicatorKind } from "../schema.ts";
import { formatRange } from "../format.ts";

type Freq = Exclude<Frequency, "D">;
const PER: Record<Freq, string> = { A: "a year", H: "a half-year", Q: "a quarter", M: "a month" };
const PER_RU: Record<Freq, string> = { A: "в год", H: "за полугодие", Q: "в квартал", M: "в месяц" };
const isRu = (locale: string) => locale.split("-")[0]!.toLowerCase() === "ru";

/** "400–525 patents a month": a flow counted per period, a stock or a rate not. */
const range = (low: number, high: number, unit: string, frequency: Freq, kind: IndicatorKind, locale = "en") =>
  `${formatRange(low, high, unit, "card", { locale })}${kind === "flow" ? ` ${(isRu(locale) ? PER_RU : PER)[frequency]}` : ""}`;

/**
 * "a drop of 400–525 patents a month at the event (95 % interval)", or why it cannot be told. A flow
 * is counted per period ("a month"); a stock or a rate is a level, so it is not.
 */
export function levelReading(level: Estimate, unit: string, frequency: Freq, kind: IndicatorKind = "flow", locale = "en"): string {
  const ru = isRu(locale);
  if (level.low <= 0 && level.high >= 0)
    return ru
      ? `неотличимо от тренда: 95-процентный интервал изменения при событии, ${range(level.low, level.high, unit, frequency, kind, locale)}, включает отсутствие изменений`
      : `cannot be told apart from the trend: the 95 % interval of the change at the event, ${range(level.low, level.high, unit, frequency, kind)}, includes no change`;
  const drop = level.high < 0;
  const [a, b] = drop ? [-level.high, -level.low] : [level.low, level.high];
  if (ru) return `${drop ? "снижение" : "рост"} на ${range(a, b, unit, frequency, kind, locale)} при событии (95-процентный интервал)`;
  return `a ${drop ? "drop" : "rise"} of ${range(a, b, unit, frequency, kind)} at the event (95 % interval)`;
}

const NOUN: Record<Freq, string> = { A: "year", H: "half-year", Q: "quarter", M: "month" };
const EVERY_RU: Record<Freq, string> = { A: "с каждым годом", H: "с каждым полугодием", Q: "с каждым кварталом", M: "с каждым месяцем" };

/** The slope's change after the event, in the same words. */
export function slopeReading(slope: Estimate, unit: string, frequency: Freq, kind: IndicatorKind = "flow", locale = "en"): string {
  const ru = isRu(locale);
  if (slope.low <= 0 && slope.high >= 0)
    return ru
      ? `изменения тренда, отличимого от шума, нет (${range(slope.low, slope.high, unit, frequency, kind, locale)} ${EVERY_RU[frequency]})`
      : `no change in the trend that can be told apart from noise (${range(slope.low, slope.high, unit, frequency, kind)} with every ${NOUN[frequency]})`;
  const down = slope.high < 0;
  const [a, b] = down ? [-slope.high, -slope.low] : [slope.low, slope.high];
  if (ru) return `затем тренд ${down ? "снижается" : "растёт"} ещё на ${range(a, b, unit, frequency, kind, locale)} ${EVERY_RU[frequency]} (95-процентный интервал)`;
  return `the trend then ${down ? "falls" : "rises"} by a further ${range(a, b, unit, frequency, kind)} with every ${NOUN[frequency]} (95 % interval)`;
}

/** Russian plural form: one (1, 21), few (2–4, 22–24), many (5–20, 25…). */
function ruPlural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules("ru").select(n);
  return form === "one" ? one : form === "few" ? few : many;
}

/** What the other events in the window mean for the estimate; null when there are none. */
export function confounderReading(count: number, locale = "en"): string | null {
  if (count === 0) return null;
  if (isRu(locale))
    return `${count} ${ruPlural(count, "другое событие", "других события", "других событий")} этого коридора ${ruPlural(count, "попадает", "попадают", "попадают")} в окно: изменение нельзя приписать только этому событию`;
  return `${count} other event${count === 1 ? "" : "s"} of this corridor fall${count === 1 ? "s" : ""} in the window: what changed cannot be credited to this event alone`;
}
