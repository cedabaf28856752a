/**
 * Tidy CSV: one observation per row. This module is pure: it maps header names to roles and turns a
 * raw row into a normalised observation or a list of cell errors. Writing is the writer's job.
 */
import type { CountryResolver } from "../countries.ts";
import type { IndicatorResolver } from "../indicators.ts";
import { parseNumber, type DecimalMark } from "../numbers.ts";
import { parsePeriod, type Period, type PeriodResult } from "../periods.ts";

export const ROLES = ["indicator", "origin", "destination", "country", "period", "value", "breakdown", "flag", "source"] as const;
export type Role = (typeof ROLES)[number];

/** Header names (normalised: lower case, spaces/dashes → _) that mean each role. */
const HEADER_ALIASES: Record<Role, string[]> = {
  indicator: ["indicator", "indicator_code", "indicator_id", "series", "series_code", "metric", "measure", "показатель"],
  origin: ["origin", "from", "origin_country", "country_from", "corridor_from", "citizenship", "citizen", "nationality", "гражданство", "страна_происхождения"],
  destination: ["destination", "to", "dest", "destination_country", "country_to", "corridor_to", "partner", "host", "host_country", "страна_назначения"],
  // A single country column: placed by the indicator's default role.
  country: ["country", "country_code", "country_name", "ref_area", "area", "страна"],
  period: ["period", "year", "time", "time_period", "date", "quarter", "month", "период", "год", "дата"],
  value: ["value", "obs_value", "amount", "count", "number", "значение", "количество"],
  breakdown: ["breakdown", "dimension", "disaggregation", "разбивка"],
  flag: ["flag", "obs_flag", "flags", "status", "note_flag", "признак"],
  source: ["source", "sources", "источник"],
};

export function normaliseHeader(name: string): string {
  return name.replace(/^\ufeff/, "").trim().toLowerCase().replace(/[\s\-.]+/g, "_");
}

export interface TidyOptions {
  indicator?: string;
  origin?: string;
  destination?: string;
  source?: string;
  decimal: DecimalMark;
  /** ROLE → header name (any script, matched case-insensitively) or 1-based column number. */
  map?: Partial<Record<Role, string>>;
}

export type ColumnMap = Partial<Record<Role, number>>;

export class MappingError extends Error {}

/** Assigns each role a column index, from --map first, then header aliases. */
export function mapColumns(header: string[], map: Partial<Record<Role, string>> = {}): ColumnMap {
  const normalised = header.map(normaliseHeader);
  const columns: ColumnMap = {};
  const taken = new Set<number>();
  for (const [role, wanted] of Object.entries(map) as [Role, string][]) {
    if (!(ROLES as readonly string[]).includes(role)) throw new MappingError(`--map: unknown role "${role}" (roles: ${ROLES.join(", ")})`);
    let index = normalised.indexOf(normaliseHeader(wanted));
    if (index === -1 && /^\d+$/.test(wanted) && +wanted >= 1 && +wanted <= header.length) index = +wanted - 1;
    if (index === -1) throw new MappingError(`--map ${role}=${wanted}: no such column (columns: ${header.join(", ")})`);
    columns[role] = index;
    taken.add(index);
  }
  for (const role of ROLES) {
    if (columns[role] !== undefined) continue;
    const index = normalised.findIndex((h, i) => !taken.has(i) && HEADER_ALIASES[role].includes(h));
    if (index !== -1) {
      columns[role] = index;
      taken.add(index);
    }
  }
  return columns;
}

/** Checks that every required role has a column or a constant; returns a usage message otherwise. */
export function checkMapping(columns: ColumnMap, options: TidyOptions, header: string[]): string | null {
  const missing: string[] = [];
  if (columns.indicator === undefined && !options.indicator) missing.push("indicator (column or --indicator)");
  if (columns.period === undefined) missing.push("period");
  if (columns.value === undefined) missing.push("value");
  const hasOrigin = columns.origin !== undefined || !!options.origin;
  const hasDestination = columns.destination !== undefined || !!options.destination;
  if (!hasOrigin && !hasDestination && columns.country === undefined)
    missing.push("origin or destination (column, --origin/--destination, or a country column)");
  if (missing.length === 0) return null;
  return `cannot map columns: missing ${missing.join("; ")}. Header: ${header.join(", ")}. Use --map ROLE=COLUMN.`;
}

export interface NormalisedObservation {
  indicator: string;
  origin: string;
  destination: string;
  period: Period;
  value: number;
  breakdown: string;
  flag: string | null;
  source: string | null;
}

export interface CellError {
  column: string;
  value: string;
  message: string;
}

export type RowResult =
  | { kind: "observation"; observation: NormalisedObservation }
  | { kind: "missing" }
  | { kind: "errors"; errors: CellError[] };

/**
 * Normalises raw rows. Holds caches so that repeated periods and country names cost a Map lookup.
 */
export class TidyRowNormaliser {
  private readonly periodCache = new Map<string, PeriodResult>();
  private readonly constants: { indicator?: string; origin?: string; destination?: string } = {};

  constructor(
    private readonly header: string[],
    private readonly columns: ColumnMap,
    private readonly options: TidyOptions,
    private readonly countries: CountryResolver,
    private readonly indicators: IndicatorResolver,
  ) {
    if (options.indicator) {
      const indicator = indicators.resolve(options.indicator);
      if (indicator) this.constants.indicator = indicator.code;
      else throw new MappingError(indicators.unknown(options.indicator));
    }
    for (const role of ["origin", "destination"] as const) {
      const value = options[role];
      if (!value) continue;
      const found = countries.resolve(value);
      if (found.ok) this.constants[role] = found.code;
      else throw new MappingError(`--${role}: ${found.reason}`);
    }
  }

  get expectedColumns(): number {
    return this.header.length;
  }

  private columnName(index: number): string {
    return this.header[index]?.replace(/^\ufeff/, "").trim() || `column ${index + 1}`;
  }

  private cell(fields: string[], role: Role): string | undefined {
    const index = this.columns[role];
    return index === undefined ? undefined : fields[index];
  }

  normalise(fields: string[]): RowResult {
    const errors: CellError[] = [];
    const fail = (role: Role, value: string, message: string) =>
      errors.push({ column: this.columnName(this.columns[role]!), value, message });

    // Value first: a missing value skips the row whatever else it holds.
    const rawValue = this.cell(fields, "value")!;
    const number = parseNumber(rawValue, this.options.decimal);
    if (number.kind === "missing") return { kind: "missing" };
    if (number.kind === "error") fail("value", rawValue, number.reason);

    let indicatorCode = this.constants.indicator;
    let defaultRole: "origin" | "destination" = "origin";
    let counterpart = "WLD";
    const rawIndicator = this.cell(fields, "indicator");
    if (rawIndicator !== undefined && rawIndicator.trim() !== "") {
      const indicator = this.indicators.resolve(rawIndicator);
      if (indicator) {
        indicatorCode = indicator.code;
        defaultRole = indicator.defaultRole;
        counterpart = indicator.defaultCounterpart;
      } else fail("indicator", rawIndicator, this.indicators.unknown(rawIndicator));
    } else if (indicatorCode) {
      const indicator = this.indicators.resolve(indicatorCode)!;
      defaultRole = indicator.defaultRole;
      counterpart = indicator.defaultCounterpart;
    } else if (rawIndicator !== undefined) fail("indicator", rawIndicator, "empty indicator");

    const country = (role: "origin" | "destination" | "country"): string | undefined => {
      const raw = this.cell(fields, role);
      if (raw === undefined) return undefined;
      const found = this.countries.resolve(raw);
      if (found.ok) return found.code;
      fail(role, raw, found.reason);
      return undefined;
    };
    let origin = country("origin") ?? this.constants.origin;
    let destination = country("destination") ?? this.constants.destination;
    const single = country("country");
    if (single !== undefined) {
      // A single-country publication: the country takes the indicator's default role unless that
      // side is already given; the other side falls back to the indicator's counterpart.
      if (defaultRole === "origin" && origin === undefined) origin = single;
      else if (defaultRole === "destination" && destination === undefined) destination = single;
      else if (origin === undefined) origin = single;
      else if (destination === undefined) destination = single;
    }
    if (origin === undefined && destination !== undefined && this.columns.origin === undefined) origin = "WLD";
    if (destination === undefined && origin !== undefined && this.columns.destination === undefined)
      destination = origin === counterpart ? "WLD" : counterpart;

    const rawPeriod = this.cell(fields, "period")!;
    let parsed = this.periodCache.get(rawPeriod);
    if (!parsed) {
      parsed = parsePeriod(rawPeriod);
      this.periodCache.set(rawPeriod, parsed);
    }
    if (!parsed.ok) fail("period", rawPeriod, parsed.reason);

    if (errors.length > 0 || origin === undefined || destination === undefined || !indicatorCode || !parsed.ok || number.kind !== "number") {
      if (errors.length === 0) errors.push({ column: "", value: "", message: "row has no origin or destination" });
      return { kind: "errors", errors };
    }

    const rawBreakdown = this.cell(fields, "breakdown")?.trim();
    const breakdown = !rawBreakdown || rawBreakdown.toLowerCase() === "total" ? "total" : rawBreakdown;
    const rawFlag = this.cell(fields, "flag")?.trim();
    const rawSource = this.cell(fields, "source")?.trim();
    return {
      kind: "observation",
      observation: {
        indicator: indicatorCode,
        origin,
        destination,
        period: parsed.value,
        value: number.value,
        breakdown,
        flag: rawFlag ? rawFlag : null,
        source: rawSource ? rawSource : (this.options.source ?? null),
      },
    };
  }
}
