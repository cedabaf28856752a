/**
 * Publication formats' adapters: each turns one raw CSV row into observations as role → raw text,
 * which the row normaliser (normalise.ts) then checks. Which format a file is and which column plays
 * which role is detect.ts's (shared with the upload preview). Pure: no I/O, no database.
 */
import { COUNTRY_RECORDS, WORLD } from "../countries.ts";
import { cleanHeader, periodColumns, sdmxColumns, tidyColumns, wideColumns, worldBankColumns, type Format, type MappingChoices } from "./detect.ts";
import { MappingError, type ColumnNames, type RawRecord, type Role } from "./normalise.ts";

export { FORMATS, detectFormat, periodColumns, type Detection, type Format } from "./detect.ts";

export interface AdapterOptions extends MappingChoices {
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
  const columns = tidyColumns(header, options);
  const { names, read } = picker(columns, cleanHeader(header));
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
  const clean = cleanHeader(header);
  if (periodColumns(clean).length === 0) throw new MappingError(`no column header is a period (e.g. 2021, 2021Q1, I квартал 2022). Header: ${clean.join(", ")}`);
  const { idColumns, periods } = wideColumns(header, options);
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
  const clean = cleanHeader(header);
  const { country, indicator, periods, role } = worldBankColumns(header, options);
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
  const { dataflow, time, value, flag, origin, destination, dimensions } = sdmxColumns(header, options);
  if (origin === -1 && destination === -1) throw new MappingError(`SDMX-CSV: no citizen/citizenship or geo/REF_AREA column; map a column to origin or destination`);
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
