/** Formatting is the view's job: values are stored exactly as published. */
export function compact(value: number, locale = "en"): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 2 }).format(value);
}

/** Every digit, grouped by the locale: "1,234.5", in Russian "1 234,5". */
export function full(value: number, locale = "en"): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A change in per cent: "+3.2%", in Russian "+3,2 %" (Russian sets the sign apart). */
export function pct(value: number | null | undefined, locale = "en"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (!locale.startsWith("ru")) return `${value > 0 ? "+" : ""}${value.toFixed(1)}%`;
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "never", useGrouping: "min2" }).format(Math.abs(value));
  return `${value > 0 ? "+" : value < 0 ? "−" : ""}${number}\u00a0%`;
}

/** Dates come from the one module beside format.ts in @corridor/data: "19 Apr 2021", "19 апреля 2021 г.". */
export { formatDate as date, formatDateRange as dateRange } from "@corridor/data/pure";
