/** @corridor/data: the only package that touches SQLite. Its API is async and returns plain typed rows. */
export { openDb, openDatabase, databaseTarget, isPostgresTarget, openOwnConnection, defaultDbPath, repositoryRoot, DatabaseError, explainDatabaseError, type CorridorDb } from "./db.ts";
export { WriteGate, WriteBusyError } from "./write-gate.ts";
export { env, envSchema, flag, positiveCount, text as envText, wholeNumber } from "./env.ts";
export { CorridorError, httpStatusOf, exitCodeOf, EXIT_OK, EXIT_DATA, EXIT_USAGE, type ErrorCode, type ErrorDetails } from "./errors.ts";
export * from "./schema.ts";
export { CountryResolver, COUNTRY_RECORDS, WORLD, normaliseName } from "./countries.ts";
export { IndicatorResolver } from "./indicators.ts";
export { parsePeriod, periodContaining, shiftPeriod, yearEarlier, type Period, type Frequency } from "./periods.ts";
export { parseNumber, detectDecimalMark, type DecimalMark } from "./numbers.ts";
export { series, type Series, type SeriesPoint, type SeriesQuery } from "./queries/series.ts";
export { corridorCountries, corridors, corridorsJson, type Corridor, type CorridorFilter, type CorridorIndicator, type NamedCountry } from "./queries/corridors.ts";
export { seriesSources, type SeriesSource, type SourcedImport, type SourcesQuery } from "./queries/provenance.ts";
export { describeSource, mergeSources, sourceLine, releaseWords, licenceWords, type SourceInfo } from "./sources.ts";
export { latest, latestOf, corridorIndicators, type LatestValue, type Comparison } from "./queries/latest.ts";
export { QueryArgumentError } from "./queries/resolve.ts";
export {
  listImports,
  undoImport,
  UndoError,
  getImport,
  observationHistory,
  type UndoSummary,
  type ObservationKey,
  type ObservationValue,
  type ObservationHistory,
  type ObservationHistoryEntry,
} from "./history.ts";
export { type ImportDiff, type DiffGroup, type DiffChange, DIFF_CHANGES_PER_GROUP } from "./import/diff.ts";
export { type AddIndicatorInput } from "./catalog-admin.ts";
export { events, getEvent, listEvents, importEvents, type EventSummary, type EventDetail, type EventQuery, type EventLink, type EventImportSummary } from "./events/store.ts";
export {
  createEvent,
  updateEvent,
  deleteEvent,
  eventVersions,
  defaultEventId,
  EventValidationError,
  EventConflictError,
  EventNotFoundError,
  type EventInput,
  type EventFieldError,
  type EventVersion,
} from "./events/edit.ts";
export { EVENT_KEYS, type EventRecord } from "./events/model.ts";
export { fitIts, type ItsFit, type ItsRow } from "./stats/its.ts";
export { impact, ITS_DEFAULT_WINDOW, type Impact, type ImpactQuery, type ItsEstimate, type Comparison as ImpactComparison } from "./events/impact.ts";
export { suggestEvent, type Suggestion, type Reference } from "./events/suggest.ts";
export { listIndicators, addIndicator } from "./catalog-admin.ts";
export { seriesJson, seriesCsv, SERIES_CSV_COLUMNS, type SeriesCsvRow, type SeriesJson, type SeriesJsonPoint } from "./series-formats.ts";
export { eventInRange, seriesRange, type DateRange } from "./events/range.ts";
export { concernsCorridor, relatedToCorridor, type CorridorEventCountries } from "./events/corridor.ts";
export { keepImportFile, importFileBytes } from "./import-files.ts";
export { rateLimitWait, recordRateLimitHit, clearRateLimit, type RateLimit } from "./rate-limits.ts";
export { chartData, dataDate, dataVersion, publishSnapshot, getSnapshot, readSnapshotPayload, seriesSnapshotData, SNAPSHOT_SCHEMA_VERSION, type ChartData, type DataVersion, type Snapshot } from "./publish.ts";
// Request bodies and stored JSON, declared once with zod.
export {
  newUserBody,
  suggestBody,
  eventBody,
  eventUpdateBody,
  importFormOptions,
  profileOptions,
  importProfileRow,
  type NewUserBody,
  type ImportFormOptions,
  type ImportProfileRow,
} from "./shapes.ts";
