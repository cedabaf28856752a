/**
 * Publication formats. detectFormat() recognises a file from its first rows (never its name); each
 * adapter turns one raw CSV row into observations as role → raw text, which the row normaliser (normalise.ts)
 * then checks. Pure: no I/O, no database.
 */
import { COUNTRY_RECORDS, WORLD } from "../countries.ts";
import { parsePeriod } from "../periods.ts";
import { BadInputError } from "./decode.ts";
import type { CsvRow } from "./csv.ts";
import { mapColumns, MappingError, normaliseHeader, type ColumnNames, type RawRecord, type Role } from "./normalise.ts";

export const FORMATS = ["tidy", "wide", "worldbank", "sdmx"] as const;
export type Format = (typeof FORMATS)[number];

export interface Detection {
  format: Format;
  /** Index into the sampled rows of the header row. */
  headerIndex: number;
  /** World Bank "Last Updated Date", Eurostat LAST UPDATE (ISO). */
  released?: string;
}

const cells = (row: CsvRow) => row.fields.map((f) => f.replace(/^\ufeff/, "").trim());
const isBlank = (row: CsvRow) => row.fields.every((f) => f.trim() === "");

/** Header cells that are periods: 2019, 2021Q1, I квартал 2022… */
export function periodColumns(header: string[]): number[] {
  return header.flatMap((h, i) => (h.trim() !== "" && parsePeriod(h).ok ? [i] : []));
}

export function detectFormat(rows: CsvRow[], requested: Format | "auto" = "auto"): Detection {
  const first = rows.findIndex((r) => !isBlank(r));
  if (first === -1) throw new BadInputError("the file has no rows (empty or blank lines only)", 1);
  const head = cells(rows[first]!);
  const lower = head.map((h) => h.toLowerCase());

  // World Bank companion files: recognise and say what they are.
  if (lower[0] === "country code" && lower.includes("region") && lower.includes("incomegroup"))
    throw new BadInputError("this is a World Bank Metadata_Country file (regions and income groups of each economy), not data: import the API_… file beside it", rows[first]!.line);
  if (lower[0] === "indicator_code" && lower.includes("source_note"))
    throw new BadInputError("this is a World Bank Metadata_Indicator file (the indicator's definition and source note), not data: import the API_… file beside it", rows[first]!.line);

  const wbHeader = rows.findIndex((r) => {
    const c = cells(r).map((x) => x.toLowerCase());
    return c[0] === "country name" && c[1] === "country code" && c[2] === "indicator name" && c[3] === "indicator code";
  });
  if ((requested === "auto" || requested === "worldbank") && wbHeader !== -1) {
    const updated = rows.slice(0, wbHeader).map(cells).find((c) => c[0]?.toLowerCase() === "last updated date")?.[1];
    return { format: "worldbank", headerIndex: wbHeader, ...(updated && parsePeriod(updated).ok ? { released: updated } : {}) };
  }
  if (requested === "worldbank") throw new MappingError("the World Bank format: no \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\" header found");

  if ((requested === "auto" || requested === "sdmx") && (head[0] === "DATAFLOW" || head[0] === "STRUCTURE") && head.includes("TIME_PERIOD") && head.includes("OBS_VALUE")) {
    const updateColumn = head.indexOf("LAST UPDATE");
    const firstData = rows.slice(first + 1).find((r) => !isBlank(r));
    const raw = updateColumn >= 0 ? firstData?.fields[updateColumn]?.trim() : undefined;
    const m = raw?.match(/^(\d{2})\/(\d{2})\/(\d{2})/);
    return { format: "sdmx", headerIndex: first, ...(m ? { released: `20${m[3]}-${m[2]}-${m[1]}` } : {}) };
  }
  if (requested === "sdmx") throw new MappingError("the SDMX-CSV format: no DATAFLOW … TIME_PERIOD, OBS_VALUE header found");

  if (requested === "wide" || (requested === "auto" && periodColumns(head).length >= 2)) return { format: "wide", headerIndex: first };
  return { format: "tidy", headerIndex: first };
}

export interface AdapterOptions {
  map?: Partial<Record<Role, string>>;
  countryRole?: "origin" | "destination";
  released?: string;
}

export interface Adapter {
  format: Format;
  /** Number of fields every data row must have; null where a format tolerates a trailing column. */
  expectedColumns: number;
  /** Calls `emit` once per observation in the row; returns a reason to skip the whole row, if any. */
  rowRecords(fields: string[], emit: (record: RawRecord, names: ColumnNames) => void): string | undefined;
  /** Default source for rows that do not name one. */
  source?: string;
  /** Column of the value, for detecting the decimal mark. */
  valueColumns: number[];
}

/** Reads the mapped cells of a row. Built once per file: the hot path allocates only the record. */
function picker(columns: Partial<Record<Role, number>>, header: string[]): { names: ColumnNames; read: (fields: string[]) => RawRecord } {
  const pairs = Object.entries(columns) as [Role, number][];
  const names: ColumnNames = {};
  for (const [role, index] of pairs) names[role] = header[index] || `column ${index + 1}`;
  return {
    names,
    read(fields) {
      const record: RawRecord = {};
      for (const [role, index] of pairs) record[role] = fields[index];
      return record;
    },
  };
}

export function tidyAdapter(header: string[], options: AdapterOptions): Adapter & { columns: Partial<Record<Role, number>> } {
  const columns = mapColumns(header, options.map);
  if (options.countryRole && columns.country !== undefined) {
    columns[options.countryRole] = columns.country;
    delete columns.country;
  }
  const { names, read } = picker(columns, header.map((h) => h.replace(/^\ufeff/, "").trim()));
  return {
    format: "tidy", columns, expectedColumns: header.length, valueColumns: columns.value === undefined ? [] : [columns.value],
    rowRecords(fields, emit) {
      emit(read(fields), names);
      return undefined;
    },
  };
}

/** Periods as columns; the other columns say who (country, origin, destination) and what (indicator). */
export function wideAdapter(header: string[], options: AdapterOptions): Adapter & { idColumns: Partial<Record<Role, number>> } {
  const clean = header.map((h) => h.replace(/^\ufeff/, "").trim());
  const periods = periodColumns(clean);
  if (periods.length === 0) throw new MappingError(`no column header is a period (e.g. 2021, 2021Q1, I квартал 2022). Header: ${clean.join(", ")}`);
  // Period columns get names no alias can match, so header mapping only sees the identifying columns.
  const idHeader = clean.map((h, i) => (periods.includes(i) ? `\u0000period ${i}` : h));
  const idColumns = mapColumns(idHeader, options.map);
  delete idColumns.period;
  delete idColumns.value;
  if (idColumns.country === undefined && idColumns.origin === undefined && idColumns.destination === undefined) {
    // A first column of names with no header we know is the row's country.
    const firstText = idHeader.findIndex((h, i) => !periods.includes(i) && !Object.values(idColumns).includes(i));
    if (firstText !== -1) idColumns.country = firstText;
  }
  if (options.countryRole && idColumns.country !== undefined) {
    idColumns[options.countryRole] = idColumns.country;
    delete idColumns.country;
  }
  const ids = picker(idColumns, clean);
  const namesByPeriod = new Map(periods.map((i) => [i, { ...ids.names, period: clean[i]!, value: clean[i]! }]));
  return {
    format: "wide", idColumns, expectedColumns: header.length, valueColumns: periods,
    rowRecords(fields, emit) {
      const record = ids.read(fields);
      for (const i of periods) emit({ ...record, period: clean[i]!, value: fields[i] }, namesByPeriod.get(i)!);
      return undefined;
    },
  };
}

const ISO3 = new Set(COUNTRY_RECORDS.map((c) => c.code).filter((c) => c !== WORLD));

/** World Bank bulk CSV: a wide table whose regional and income aggregates are not countries. */
export function worldBankAdapter(header: string[], options: AdapterOptions): Adapter {
  const clean = header.map((h) => h.replace(/^\ufeff/, "").trim());
  const lower = clean.map((h) => h.toLowerCase());
  const country = lower.indexOf("country code");
  const indicator = lower.indexOf("indicator code");
  const periods = periodColumns(clean);
  const role = options.countryRole ?? "country";
  const source = options.released ? `World Bank, World Development Indicators (Last Updated Date ${options.released})` : "World Bank, World Development Indicators";
  const namesByPeriod = new Map(periods.map((i) => [i, { [role]: "Country Code", indicator: "Indicator Code", period: clean[i]!, value: clean[i]! }]));
  return {
    format: "worldbank",
    // Every line ends with a comma: one more, empty, field than there are named columns.
    expectedColumns: header.length,
    valueColumns: periods,
    source,
    rowRecords(fields, emit) {
      const code = fields[country]?.trim() ?? "";
      if (!ISO3.has(code)) return code;
      for (const i of periods) {
        emit({ [role]: code, indicator: fields[indicator], period: clean[i]!, value: fields[i] }, namesByPeriod.get(i)!);
      }
      return undefined;
    },
  };
}

/** Eurostat SDMX-CSV: one observation per row, dimensions as columns. */
export function sdmxAdapter(header: string[], options: AdapterOptions): Adapter {
  const clean = header.map((h) => h.trim());
  const find = (...names: string[]) => clean.findIndex((h) => names.includes(h.toLowerCase()) || names.includes(h));
  const mapped = (role: Role, ...names: string[]) => {
    const wanted = options.map?.[role];
    if (wanted) {
      const i = clean.findIndex((h) => normaliseHeader(h) === normaliseHeader(wanted));
      if (i === -1) throw new MappingError(`the ${role} column "${wanted}": no such column (columns: ${clean.join(", ")})`);
      return i;
    }
    return find(...names);
  };
  const dataflow = find("DATAFLOW", "STRUCTURE_ID");
  const time = find("TIME_PERIOD");
  const value = find("OBS_VALUE");
  const flag = find("OBS_FLAG");
  const origin = mapped("origin", "citizen", "citizenship", "c_birth");
  const destination = mapped("destination", "geo", "ref_area", "REF_AREA");
  if (origin === -1 && destination === -1) throw new MappingError(`SDMX-CSV: no citizen/citizenship or geo/REF_AREA column; map a column to origin or destination`);
  // Columns that are not dimensions of the observation.
  const notDimensions = new Set(["dataflow", "structure", "structure_id", "action", "last update", "freq", "unit", "time_period", "obs_value", "obs_flag", "conf_status"]);
  const dimensions = clean.flatMap((h, i) => (!notDimensions.has(h.toLowerCase()) && i !== origin && i !== destination ? [i] : []));
  return {
    format: "sdmx",
    expectedColumns: header.length,
    valueColumns: [value],
    rowRecords(fields, emit) {
      const id = fields[dataflow]?.trim().replace(/^[^:]*:/, "").replace(/\(.*\)$/, "") ?? "";
      const parts = dimensions.filter((i) => fields[i]?.trim() && fields[i]!.trim().toUpperCase() !== "TOTAL").map((i) => `${clean[i]}=${fields[i]!.trim()}`);
      const record: RawRecord = {
        indicator: id, period: fields[time], value: fields[value],
        breakdown: parts.length ? parts.join(";") : "total",
        source: `Eurostat, ${id}${options.released ? ` (last update ${options.released})` : ""}`,
      };
      const names: ColumnNames = { indicator: clean[dataflow], period: "TIME_PERIOD", value: "OBS_VALUE", flag: "OBS_FLAG", breakdown: "dimensions" };
      if (flag !== -1) record.flag = fields[flag];
      if (origin !== -1) {
        record.origin = fields[origin];
        names.origin = clean[origin];
      }
      if (destination !== -1) {
        record.destination = fields[destination];
        names.destination = clean[destination];
      }
      emit(record, names);
      return undefined;
    },
  };
}
