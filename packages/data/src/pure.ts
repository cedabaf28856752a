/** Pure helpers with no database behind them: safe to import from browser code. */
export { CountryResolver, COUNTRY_RECORDS, WORLD, normaliseName } from "./countries.ts";
export { parsePeriod, periodContaining, shiftPeriod, yearEarlier, type Period, type Frequency } from "./periods.ts";
export { parseNumber, detectDecimalMark, type DecimalMark } from "./numbers.ts";
// The vocabularies: declared once in the schema, imported by the web app rather than retyped.
export { eventKinds, eventRelations, eventRoles, datePrecisions, verifications, USER_ROLES, type EventKind, type EventRelation, type EventRole, type UserRole } from "./schema.ts";
export { toCsv } from "./csv-writer.ts";
// How a header maps to roles: the upload page's preview uses the very rules the import applies.
export { ROLES, mapColumns, normaliseHeader, checkMapping, type Role, type ColumnMap } from "./import/tidy.ts";
// What the first bytes say about the encoding: the preview detects it as decode.ts does.
export { byteOrderMark, firstInvalidUtf8, knownEncoding, utf16WithoutBom } from "./import/bytes.ts";
// The same-origin rule the write routes' CSRF check applies (better-auth's trusted origins too).
export { isSameOrigin } from "./origins.ts";
// The one error type and its code → HTTP status / exit status mapping, for server and browser alike.
export { CorridorError, httpStatusOf, exitCodeOf, type ErrorCode, type ErrorDetails } from "./errors.ts";
