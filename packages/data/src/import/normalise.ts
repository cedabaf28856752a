/**
 * Column roles and the row normaliser every format shares: header names → roles, and one raw record
 * (role → cell text, as any adapter hands it over) → a checked observation or its cell errors.
 * Pure: writing is the writer's job.
 */
import type { CountryResolver } from "../countries.ts";
import { CorridorError } from "../errors.ts";
import type { IndicatorResolver } from "../indicators.ts";
import type { Bound, Indicator } from "../schema.ts";
import { parseNumber, type DecimalMark } from "../numbers.ts";
import { parsePeriod, type Period, type PeriodResult } from "../periods.ts";
import { problem, type Problem } from "./problems.ts";

export const ROLES = ["indicator", "origin", "destination", "country", "period", "value", "breakdown", "flag", "bound", "source"] as const;
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
  bound: ["bound", "value_bound"],
  source: ["source", "sources", "источник"],
};

export function normaliseHeader(name: string): string {
  return name.replace(/^\ufeff/, "").trim().toLowerCase().replace(/[\s\-.]+/g, "_");
}

/** Constants that fill a role for every row (the CLI's --indicator, --origin, --destination; the form's fields). */
export interface Constants {
  indicator?: string;
  origin?: string;
  destination?: string;
}

export interface NormaliseOptions extends Constants {
  /** Source for rows that do not name one. */
  source?: string;
  decimal: DecimalMark;
}

export type ColumnMap = Partial<Record<Role, number>>;

/** A mapping that does not fit the file: a bad --map pair, an unknown role or indicator. */
export class MappingError extends CorridorError {
  /** A message, or a coded problem (its English is the message; the code and parameters go to the client). */
  constructor(what: string | (Problem & { message: string })) {
    super("invalid", typeof what === "string" ? what : what.message, typeof what === "string" ? {} : { problem: { code: what.code, params: what.params } });
  }
}

/**
 * `ROLE=COLUMN` pairs (the CLI's repeatable --map, the upload form's `map` fields) as a column map.
 * The first bad pair throws a MappingError naming it; `label` says where it came from.
 */
export function parseRoleMap(pairs: readonly string[], label: string): Partial<Record<Role, string>> {
  const map: Partial<Record<Role, string>> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new MappingError(`${label} ${pair}: expected ROLE=COLUMN`);
    const role = pair.slice(0, eq).trim().toLowerCase();
    if (!(ROLES as readonly string[]).includes(role)) throw new MappingError(`${label} ${pair}: unknown role "${role}" (roles: ${ROLES.join(", ")})`);
    map[role as Role] = pair.slice(eq + 1);
  }
  return map;
}

/** Assigns each role a column index, from the explicit mapping first, then header aliases. */
export function mapColumns(header: string[], map: Partial<Record<Role, string>> = {}): ColumnMap {
  const normalised = header.map(normaliseHeader);
  const columns: ColumnMap = {};
  const taken = new Set<number>();
  for (const [role, wanted] of Object.entries(map) as [Role, string][]) {
    if (!(ROLES as readonly string[]).includes(role)) throw new MappingError(`the mapping: unknown role "${role}" (roles: ${ROLES.join(", ")})`);
    let index = normalised.indexOf(normaliseHeader(wanted));
    if (index === -1 && /^\d+$/.test(wanted) && +wanted >= 1 && +wanted <= header.length) index = +wanted - 1;
    if (index === -1) throw new MappingError(problem("no_such_column", { role, column: wanted, columns: header.join(", ") }));
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

/** Checks that every required role has a column or a constant; returns the problem otherwise. */
export function mappingProblem(columns: ColumnMap, options: Constants, header: string[]): (Problem & { message: string }) | null {
  const missing: string[] = [];
  if (columns.indicator === undefined && !options.indicator) missing.push("indicator");
  if (columns.period === undefined) missing.push("period");
  if (columns.value === undefined) missing.push("value");
  const hasOrigin = columns.origin !== undefined || !!options.origin;
  const hasDestination = columns.destination !== undefined || !!options.destination;
  if (!hasOrigin && !hasDestination && columns.country === undefined) missing.push("corridor");
  return missing.length === 0 ? null : problem("missing_roles", { roles: missing.join(","), header: header.join(", ") });
}

/** mappingProblem's English sentence, or null. */
export function checkMapping(columns: ColumnMap, options: Constants, header: string[]): string | null {
  return mappingProblem(columns, options, header)?.message ?? null;
}

export interface NormalisedObservation {
  indicator: string;
  origin: string;
  destination: string;
  period: Period;
  value: number;
  breakdown: string;
  flag: string | null;
  /** The value is a lower/upper bound as published ("more than 3 million"); null: the value itself. */
  bound: Bound | null;
  source: string | null;
}

/** A NormalisedObservation as its table's columns hold it (the period spread over four), read back by raw SQL. */
export interface ObservationColumns {
  indicator: string;
  origin: string;
  destination: string;
  period: string;
  frequency: Period["frequency"];
  period_start: string;
  period_end: string;
  value: number;
  breakdown: string;
  flag: string | null;
  bound: Bound | null;
  source: string | null;
}

export interface CellError {
  column: string;
  value: string;
  message: string;
  /** The message as code and parameters, for a client's own language. */
  problem?: Problem;
}

/** One observation's raw cells by role, as any format adapter hands them over. */
export type RawRecord = Partial<Record<Role, string>>;
/** The column each role came from, for error messages ("2021", "OBS_VALUE", "Значение"). */
export type ColumnNames = Partial<Record<Role, string>>;

export type RowResult =
  | { kind: "observation"; observation: NormalisedObservation }
  | { kind: "missing" }
  | { kind: "errors"; errors: CellError[] };

/** Spreadsheet formulas: =1+1, @SUM(A1), +cmd|…, -A1… (a lone "-" or a negative number is not one). */
const FORMULA = /^[=@\t\r]|^[+-][^\d\s.,]/;
/** Markup: <script>, </b>, <img …>, <!-- … (text like "<5 years" is not markup). */
const MARKUP = /<\s*\/?\s*[a-z!][^>]*>/i;

/**
 * Free-text cells (breakdown, flag, source) are shown on web pages and written back out as CSV:
 * a formula would run when an export is opened in a spreadsheet, and markup has no place in them.
 */
export function unsafeText(raw: string | undefined): (Problem & { message: string }) | null {
  const text = raw?.trim();
  if (!text) return null;
  if (FORMULA.test(text)) return problem("formula");
  if (MARKUP.test(text)) return problem("markup");
  return null;
}

/**
 * Normalises raw rows. Holds caches so that repeated periods and country names cost a Map lookup.
 */
export class RowNormaliser {
  private readonly periodCache = new Map<string, PeriodResult>();
  private readonly indicatorCache = new Map<string, Indicator | undefined>();
  private readonly constantIndicator: Indicator | undefined;
  private readonly constants: { origin?: string; destination?: string } = {};

  constructor(
    private readonly options: NormaliseOptions,
    private readonly countries: CountryResolver,
    private readonly indicators: IndicatorResolver,
  ) {
    if (options.indicator) {
      this.constantIndicator = indicators.resolve(options.indicator);
      if (!this.constantIndicator) throw new MappingError(indicators.unknown(options.indicator));
    }
    for (const role of ["origin", "destination"] as const) {
      const value = options[role];
      if (!value) continue;
      const found = countries.resolve(value);
      if (found.ok) this.constants[role] = found.code;
      else throw new MappingError(`the ${role} given for every row: ${found.reason}`);
    }
  }

  private error(errors: CellError[], names: ColumnNames, role: Role, value: string, found: Problem & { message: string }): void {
    const { message, ...coded } = found;
    errors.push({ column: names[role] ?? role, value, message, problem: coded });
  }

  private resolveIndicator(raw: string): Indicator | undefined {
    let hit = this.indicatorCache.get(raw);
    if (hit === undefined && !this.indicatorCache.has(raw)) {
      hit = this.indicators.resolve(raw);
      this.indicatorCache.set(raw, hit);
    }
    return hit;
  }

  /** Resolves one country cell; undefined when the column is absent or the name is unknown (error recorded). */
  private country(record: RawRecord, names: ColumnNames, role: "origin" | "destination" | "country", errors: CellError[]): string | undefined {
    const raw = record[role];
    if (raw === undefined) return undefined;
    const found = this.countries.resolve(raw);
    if (found.ok) return found.code;
    const text = raw.trim();
    const coded =
      text === "" ? problem("empty_country")
      : found.suggestion ? problem("unknown_country_guess", { value: text, code: found.suggestion, name: found.reason.match(/, "(.*)"\?\)$/)?.[1] ?? found.suggestion })
      : problem("unknown_country", { value: text.length > 60 ? `${text.slice(0, 60)}…` : text });
    // The resolver's own sentence stays the English (it may shorten or quote differently).
    this.error(errors, names, role, raw, { ...coded, message: found.reason });
    return undefined;
  }

  private period(raw: string): PeriodResult {
    let parsed = this.periodCache.get(raw);
    if (!parsed) {
      parsed = parsePeriod(raw);
      this.periodCache.set(raw, parsed);
    }
    return parsed;
  }

  normalise(record: RawRecord, names: ColumnNames): RowResult {
    const errors: CellError[] = [];

    // Value first: a missing value skips the row whatever else it holds.
    const rawValue = record.value ?? "";
    const number = parseNumber(rawValue, this.options.decimal);
    if (number.kind === "missing") return { kind: "missing" };
    if (number.kind === "error") this.error(errors, names, "value", rawValue, { ...number.problem, message: number.reason });

    let indicator = this.constantIndicator;
    const rawIndicator = record.indicator;
    if (rawIndicator !== undefined && rawIndicator.trim() !== "") {
      indicator = this.resolveIndicator(rawIndicator);
      if (!indicator) this.error(errors, names, "indicator", rawIndicator, { ...problem("unknown_indicator", { value: rawIndicator, known: this.indicators.known() }), message: this.indicators.unknown(rawIndicator) });
    } else if (!indicator && rawIndicator !== undefined) this.error(errors, names, "indicator", rawIndicator, problem("empty_indicator"));

    let origin = this.country(record, names, "origin", errors) ?? this.constants.origin;
    let destination = this.country(record, names, "destination", errors) ?? this.constants.destination;
    const single = this.country(record, names, "country", errors);
    const defaultRole = indicator?.defaultRole ?? "origin";
    const counterpart = indicator?.defaultCounterpart ?? "WLD";
    if (single !== undefined) {
      // A single-country publication: the country takes the indicator's default role unless that
      // side is already given; the other side falls back to the indicator's counterpart.
      if (defaultRole === "origin" && origin === undefined) origin = single;
      else if (defaultRole === "destination" && destination === undefined) destination = single;
      else if (origin === undefined) origin = single;
      else if (destination === undefined) destination = single;
    }
    if (origin === undefined && destination !== undefined && !("origin" in record)) origin = "WLD";
    if (destination === undefined && origin !== undefined && !("destination" in record))
      destination = origin === counterpart ? "WLD" : counterpart;

    // Strict: only the two words, so "> 3" in a value cell or a stray note never becomes a bound unnoticed.
    const rawBound = record.bound?.trim() ?? "";
    // (Spelled out rather than imported from the schema: the parser worker loads this module without drizzle.)
    const lowered = rawBound.toLowerCase();
    const bound: Bound | null | undefined = rawBound === "" ? null : lowered === "lower" || lowered === "upper" ? lowered : undefined;
    if (bound === undefined)
      this.error(errors, names, "bound", rawBound, problem("bad_bound", { value: rawBound }));

    const rawPeriod = record.period ?? "";
    const parsed = this.period(rawPeriod);
    if (!parsed.ok) this.error(errors, names, "period", rawPeriod, rawPeriod.trim() === "" ? problem("empty_period") : problem("bad_period", { value: rawPeriod, reason: parsed.reason }));

    if (errors.length > 0 || origin === undefined || destination === undefined || !indicator || !parsed.ok || number.kind !== "number" || bound === undefined) {
      if (errors.length === 0) {
        const { message, ...coded } = problem("no_corridor");
        errors.push({ column: "", value: "", message, problem: coded });
      }
      return { kind: "errors", errors };
    }

    const rawBreakdown = record.breakdown?.trim();
    const rawFlag = record.flag?.trim();
    const rawSource = record.source?.trim();
    for (const role of ["breakdown", "flag", "source"] as const) {
      const unsafe = unsafeText(record[role]);
      if (unsafe) this.error(errors, names, role, record[role]!, unsafe);
    }
    if (errors.length > 0) return { kind: "errors", errors };
    return {
      kind: "observation",
      observation: {
        indicator: indicator.code,
        origin,
        destination,
        period: parsed.value,
        value: number.value,
        breakdown: !rawBreakdown || rawBreakdown.toLowerCase() === "total" ? "total" : rawBreakdown,
        flag: rawFlag ? rawFlag : null,
        bound,
        source: rawSource ? rawSource : (this.options.source ?? null),
      },
    };
  }
}
