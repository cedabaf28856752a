/** Pure helpers with no database behind them: safe to import from browser code. */
export { CountryResolver, COUNTRY_RECORDS, WORLD, normaliseName } from "./countries.ts";
export { parsePeriod, periodContaining, shiftPeriod, yearEarlier, type Period, type Frequency } from "./periods.ts";
export { parseNumber, detectDecimalMark, type DecimalMark } from "./numbers.ts";
// The vocabularies: declared once in the schema, imported by the web app rather than retyped.
export { eventKinds, eventRelations, eventRoles, datePrecisions, verifications, USER_ROLES, type EventKind, type EventRelation, type EventRole, type UserRole } from "./schema.ts";
export { toCsv, columnsCsv, csvFile, CSV_BOM, type CsvColumn } from "./csv-writer.ts";
// The series' public JSON and CSV, and which events sit beside it: one rule for server and browser.
export { seriesJson, seriesCsv, SERIES_CSV_COLUMNS, type SeriesCsvRow, type SeriesJson, type SeriesJsonPoint } from "./series-formats.ts";
export { eventInRange, seriesRange, type DateRange } from "./events/range.ts";
export { concernsCorridor, relatedToCorridor, type CorridorEventCountries } from "./events/corridor.ts";
// How a header maps to roles: the upload page's preview uses the very rules the import applies.
export { ROLES, mapColumns, normaliseHeader, checkMapping, mappingProblem, type Role, type ColumnMap } from "./import/normalise.ts";
// The import's problems as codes and parameters: a page words them through its own catalog.
export { problem, PROBLEM_CODES, isProblemCode, type Problem, type ProblemCode } from "./import/problems.ts";
// File detection (encoding, delimiter, format, column roles) lives in ./import/detect.ts, exported as @corridor/data/detect.
// The same-origin rule the write routes' CSRF check applies (better-auth's trusted origins too).
export { isSameOrigin } from "./origins.ts";
// The one error type and its code → HTTP status / exit status mapping, for server and browser alike.
export { CorridorError, httpStatusOf, exitCodeOf, type ErrorCode, type ErrorDetails } from "./errors.ts";
// How a value and a chart's title read: one wording for the web pages, the renderer and the CLI.
export { formatRange, formatValue, boundMeaning, unitCaption, unitName, type FormatUse, type Bound } from "./format.ts";
export { formatDate, formatDateRange, type DatePrecision } from "./dates.ts";
export { indicatorName, indicatorDescription } from "./catalog-names.ts";
export { seriesTitle, corridorWords, countryName, frequencyName, isStale, FREQUENCY_NAME, type TitledSeries } from "./titles.ts";
export { FLAG_MEANINGS, flagMeaning } from "./flags.ts";
// A source's publisher, release, address and licence, read from its stored text.
export { describeSource, mergeSources, publisherWords, sourceLine, releaseWords, licenceWords, type SourceInfo } from "./sources.ts";
// An impact estimate's JSON (the CLI's and the event page's export) and its ITS table (CSV, chart).
export { impactJson, itsTable, itsCsv, ITS_CSV_FIELDS, type ItsTableRow } from "./events/impact-export.ts";
// An event's text in the reader's language (English/Russian, fallback and translation marked): one picker for every view.
export { eventText, textsOf, matchesText, foldForSearch, EVENT_LANGS, type EventLang, type EventLangText, type EventTextColumns, type EventTexts, type PickedEventText } from "./events/text.ts";
export { confounderReading, levelReading, slopeReading } from "./stats/its-reading.ts";
