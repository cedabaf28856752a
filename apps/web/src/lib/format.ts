/** Formatting is the view's job: values are stored exactly as published. */
export function compact(value: number): string {
  return new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 2 }).format(value);
}

export function full(value: number): string {
  return new Intl.NumberFormat("en", { maximumFractionDigits: 2 }).format(value);
}

export function pct(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${value > 0 ? "+" : ""}${value.toFixed(1)}%`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 2021-04-19 → 19 Apr 2021; month/year precision shown as such. */
export function date(iso: string, precision: "day" | "month" | "year" = "day"): string {
  const [y, m, d] = iso.split("-");
  if (precision === "year") return y!;
  if (precision === "month") return `${MONTHS[Number(m) - 1]} ${y}`;
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

export function dateRange(start: string, end: string | null, precision: "day" | "month" | "year" = "day"): string {
  return end && end !== start ? `${date(start, precision)} – ${date(end, precision)}` : date(start, precision);
}
