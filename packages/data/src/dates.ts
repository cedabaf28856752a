/**
 * How a date reads, beside format.ts (numbers): "19 Apr 2021" / "19 апреля 2021 г.", a month as
 * "Apr 2021" / "апрель 2021 г.", and a range said once ("19–20 апреля 2021 г.", Intl's formatRange).
 * Dates are ISO strings (`2021-04-19`, or `2021-04`, `2021` for a coarser precision), read in UTC
 * so no time zone moves a day.
 */
export type DatePrecision = "day" | "month" | "year";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function language(locale: string): string {
  return locale.split("-")[0]!.toLowerCase();
}

function utc(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

const RU_OPTIONS: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  day: { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
  month: { month: "long", year: "numeric", timeZone: "UTC" },
  year: { year: "numeric", timeZone: "UTC" },
};

/** "2021 г." never breaks between the year and its abbreviation. */
const keepYear = (text: string) => text.replace(/\s(?=г\.)/g, "\u00a0");

/** `formatDate("2021-04-19")` → "19 Apr 2021"; in Russian "19 апреля 2021 г.". */
export function formatDate(iso: string, precision: DatePrecision = "day", locale = "en"): string {
  if (language(locale) === "ru") {
    // Intl writes a bare year as "2021"; Russian prose and the ministries write "2021 г.".
    if (precision === "year") return `${iso.slice(0, 4)}\u00a0г.`;
    return keepYear(new Intl.DateTimeFormat("ru", RU_OPTIONS[precision]).format(utc(iso)));
  }
  const [y, m, d] = iso.split("-");
  if (precision === "year") return y!;
  if (precision === "month") return `${MONTHS[Number(m) - 1]} ${y}`;
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/**
 * A span: "19 Apr 2021 – 20 Apr 2021"; in Russian with what the ends share said once:
 * "19–20 апреля 2021 г.", "30 марта – 2 апреля 2021 г.". One date when the span is a day.
 */
export function formatDateRange(start: string, end: string | null | undefined, precision: DatePrecision = "day", locale = "en"): string {
  if (!end || end === start) return formatDate(start, precision, locale);
  if (language(locale) === "ru") return keepYear(new Intl.DateTimeFormat("ru", RU_OPTIONS[precision]).formatRange(utc(start), utc(end)));
  return `${formatDate(start, precision, locale)} – ${formatDate(end, precision, locale)}`;
}
