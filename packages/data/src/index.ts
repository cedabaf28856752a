/** @corridor/data: the only package that touches SQLite. Its API is async and returns plain typed rows. */
export { openDb, defaultDbPath, repositoryRoot, type CorridorDb } from "./db.ts";
export * from "./schema.ts";
export { CountryResolver, COUNTRY_RECORDS, WORLD, normaliseName } from "./countries.ts";
export { IndicatorResolver } from "./indicators.ts";
export { parsePeriod, periodContaining, shiftPeriod, yearEarlier, type Period, type Frequency } from "./periods.ts";
export { parseNumber, detectDecimalMark, type DecimalMark } from "./numbers.ts";
export { series, type Series, type SeriesPoint, type SeriesQuery } from "./queries/series.ts";
export { corridors, type Corridor, type CorridorIndicator } from "./queries/corridors.ts";
export { latest, type LatestValue, type Comparison } from "./queries/latest.ts";
export { QueryArgumentError } from "./queries/resolve.ts";
export { listImports, undoImport, UndoError, type UndoSummary } from "./history.ts";
export { listIndicators, addIndicator, type AddIndicatorInput } from "./catalog-admin.ts";
