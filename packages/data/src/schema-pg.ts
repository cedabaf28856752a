/**
 * The PostgreSQL data model: schema.ts table for table, column for column, index for index
 * (schema-drift.test.ts fails when they part). Migrations are generated from this file with
 * drizzle-kit (`npm run generate:pg -w @corridor/data`) into drizzle-pg/.
 *
 * Values are stored as SQLite stores them, so that one SQL text serves both engines and copying a
 * database from one to the other is a plain row copy:
 * - text compares bytewise (COLLATE "C", SQLite's BINARY): ORDER BY, min() and max() of periods,
 *   dates and ids give the same answer on both, whatever the cluster's locale;
 * - dates are ISO text, JSON is text, flags are integer 0/1, REAL is double precision, and SQLite's
 *   integer ids (rowid or autoincrement) are identity columns.
 * Exception: better-auth's tables (user, session, account, verification) are as its drizzle adapter
 * expects them for provider "pg" (boolean, timestamp).
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import {
  type frequencies, type importStatuses, type Bound, type CountryRole, type DatePrecision, type EventDateEnd, type EventKind, type EventRelation, type EventRole, type IndicatorKind, type UserRole, type Verification,
} from "./schema.ts";

/** Text that sorts and compares bytewise, as every text column of SQLite does (its BINARY collation). */
const bytewise = <T extends string = string>() => customType<{ data: T; driverData: string }>({ dataType: () => 'text COLLATE "C"' });
const str = bytewise();

/** JSON kept as text (SQLite's `text({ mode: "json" })`): the same bytes on both engines. */
const jsonText = <T>() =>
  customType<{ data: T; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as T,
  });

/** Bytes (SQLite's `blob({ mode: "buffer" })`). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** A boolean stored as integer 0/1 (SQLite's `integer({ mode: "boolean" })`), so raw SQL reads the same value on both. */
const integerFlag = customType<{ data: boolean; driverData: number }>({
  dataType: () => "integer",
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => value === 1,
});

export const countries = pgTable("countries", {
  code: str("code").primaryKey(),
  alpha2: str("alpha2"),
  nameEn: str("name_en").notNull(),
  nameRu: str("name_ru").notNull(),
  aliases: jsonText<string[]>()("aliases").notNull().default(sql`'[]'`),
});

export const indicators = pgTable("indicators", {
  code: str("code").primaryKey(),
  name: str("name").notNull(),
  unit: str("unit").notNull(),
  description: str("description").notNull().default(""),
  kind: bytewise<IndicatorKind>()("kind").notNull(),
  defaultRole: bytewise<CountryRole>()("default_role").notNull().default("origin"),
  defaultCounterpart: str("default_counterpart").notNull().default("WLD"),
  aliases: jsonText<string[]>()("aliases").notNull().default(sql`'[]'`),
});

export const imports = pgTable(
  "imports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    fileName: str("file_name").notNull(),
    sha256: str("sha256").notNull(),
    format: str("format").notNull(),
    options: jsonText<Record<string, unknown>>()("options").notNull().default(sql`'{}'`),
    importedBy: str("imported_by").notNull(),
    importedAt: str("imported_at").notNull(),
    rowsRead: integer("rows_read").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    skippedMissing: integer("skipped_missing").notNull().default(0),
    status: bytewise<(typeof importStatuses)[number]>()("status").notNull().default("committed"),
    undoneAt: str("undone_at"),
  },
  (t) => [index("imports_sha256_idx").on(t.sha256)],
);

export const importFiles = pgTable("import_files", {
  importId: integer("import_id")
    .primaryKey()
    .references(() => imports.id),
  bytes: bytea("bytes").notNull(),
});

type Frequency = (typeof frequencies)[number];

export const observations = pgTable(
  "observations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    indicator: str("indicator").notNull().references(() => indicators.code),
    origin: str("origin").notNull().references(() => countries.code),
    destination: str("destination").notNull().references(() => countries.code),
    period: str("period").notNull(),
    frequency: bytewise<Frequency>()("frequency").notNull(),
    periodStart: str("period_start").notNull(),
    periodEnd: str("period_end").notNull(),
    value: doublePrecision("value").notNull(),
    breakdown: str("breakdown").notNull().default("total"),
    flag: str("flag"),
    bound: bytewise<Bound>()("bound"),
    source: str("source"),
    importId: integer("import_id").notNull().references(() => imports.id),
  },
  (t) => [
    uniqueIndex("observations_key_idx").on(t.origin, t.destination, t.indicator, t.period, t.breakdown),
    index("observations_import_idx").on(t.importId),
  ],
);

export const corridorRanges = pgTable(
  "corridor_ranges",
  {
    origin: str("origin").notNull(),
    destination: str("destination").notNull(),
    indicator: str("indicator").notNull(),
    breakdown: str("breakdown").notNull(),
    frequency: bytewise<Frequency>()("frequency").notNull(),
    observations: integer("observations").notNull(),
    firstPeriod: str("first_period").notNull(),
    lastPeriod: str("last_period").notNull(),
    firstDay: str("first_day").notNull(),
    lastDay: str("last_day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.origin, t.destination, t.indicator, t.breakdown, t.frequency] })],
);

export const revisions = pgTable(
  "revisions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    indicator: str("indicator").notNull(),
    origin: str("origin").notNull(),
    destination: str("destination").notNull(),
    period: str("period").notNull(),
    breakdown: str("breakdown").notNull(),
    oldValue: doublePrecision("old_value").notNull(),
    oldFlag: str("old_flag"),
    oldBound: bytewise<Bound>()("old_bound"),
    oldSource: str("old_source"),
    oldImportId: integer("old_import_id").notNull().references(() => imports.id),
    newValue: doublePrecision("new_value").notNull(),
    newFlag: str("new_flag"),
    newBound: bytewise<Bound>()("new_bound"),
    newImportId: integer("new_import_id").notNull().references(() => imports.id),
    replacedAt: str("replaced_at").notNull(),
  },
  (t) => [
    index("revisions_new_import_idx").on(t.newImportId),
    index("revisions_old_import_idx").on(t.oldImportId),
    index("revisions_key_idx").on(t.indicator, t.origin, t.destination, t.period, t.breakdown),
  ],
);

export const events = pgTable(
  "events",
  {
    id: str("id").primaryKey(),
    title: str("title").notNull(),
    kind: bytewise<EventKind>()("kind").notNull(),
    startsOn: str("starts_on").notNull(),
    endsOn: str("ends_on"),
    datePrecision: bytewise<DatePrecision>()("date_precision").notNull().default("day"),
    uncertainDates: jsonText<EventDateEnd[]>()("uncertain_dates").notNull().default(sql`'[]'`),
    announcedOn: str("announced_on"),
    inForceOn: str("in_force_on"),
    expiresOn: str("expires_on"),
    documentRef: str("document_ref"),
    sourceUrl: str("source_url"),
    summary: str("summary").notNull().default(""),
    body: str("body").notNull().default(""),
    tags: jsonText<string[]>()("tags").notNull().default(sql`'[]'`),
    verification: bytewise<Verification>()("verification").notNull().default("unverified"),
    verificationNote: str("verification_note"),
    key: integerFlag("is_key"),
    label: str("label"),
    titleRu: str("title_ru").notNull().default(""),
    summaryRu: str("summary_ru").notNull().default(""),
    bodyRu: str("body_ru").notNull().default(""),
    labelRu: str("label_ru"),
    translatedBy: str("translated_by"),
    translatedOn: str("translated_on"),
    translatedByRu: str("translated_by_ru"),
    translatedOnRu: str("translated_on_ru"),
    version: integer("version").notNull().default(1),
    updatedAt: str("updated_at").notNull(),
    updatedBy: str("updated_by").notNull(),
  },
  (t) => [index("events_starts_on_idx").on(t.startsOn), index("events_kind_idx").on(t.kind)],
);

export const eventCountries = pgTable(
  "event_countries",
  {
    eventId: str("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    country: str("country").notNull(),
    role: bytewise<EventRole>()("role").notNull().default("party"),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.country] }), index("event_countries_country_idx").on(t.country)],
);

export const eventLinks = pgTable(
  "event_links",
  {
    fromEvent: str("from_event").notNull().references(() => events.id, { onDelete: "cascade" }),
    relation: bytewise<EventRelation>()("relation").notNull(),
    toEvent: str("to_event").notNull().references(() => events.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.fromEvent, t.relation, t.toEvent] }), index("event_links_to_idx").on(t.toEvent)],
);

export const eventVersions = pgTable(
  "event_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    eventId: str("event_id").notNull(),
    version: integer("version").notNull(),
    snapshot: jsonText<Record<string, unknown>>()("snapshot").notNull(),
    replacedAt: str("replaced_at").notNull(),
    replacedBy: str("replaced_by").notNull(),
  },
  (t) => [uniqueIndex("event_versions_key_idx").on(t.eventId, t.version)],
);

export const importProfiles = pgTable("import_profiles", {
  name: str("name").primaryKey(),
  options: jsonText<Record<string, unknown>>()("options").notNull(),
  createdAt: str("created_at").notNull(),
  updatedAt: str("updated_at").notNull(),
});

/** The row and the triggers that bump its version are hand-written in drizzle-pg's data_state migration, as in SQLite's 0003 (deferred to COMMIT by drizzle-pg's 0003). */
export const dataState = pgTable("data_state", {
  id: integer("id").primaryKey(),
  databaseId: str("database_id").notNull(),
  version: integer("version").notNull(),
});

export const snapshots = pgTable("snapshots", {
  id: str("id").primaryKey(),
  kind: str("kind").notNull(),
  query: jsonText<Record<string, unknown>>()("query").notNull(),
  payload: jsonText<unknown>()("payload").notNull(),
  dataVersion: integer("data_version").notNull(),
  createdAt: str("created_at").notNull(),
});

// ---- better-auth's tables, as its pg schema generator makes them -----------------------------

export const user = pgTable(
  "user",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role").$type<UserRole>().notNull().default("viewer"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [check("user_role_check", sql`${t.role} in ('viewer', 'analyst', 'admin')`)],
);

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at"),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

// ---- Corridor's own account tables: SQLite's representation again ----------------------------

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: str("name").notNull(),
    tokenHash: str("token_hash").notNull().unique(),
    role: bytewise<UserRole>()("role").notNull(),
    createdBy: str("created_by").notNull(),
    createdAt: str("created_at").notNull(),
    lastUsedAt: str("last_used_at"),
    revokedAt: str("revoked_at"),
  },
  (t) => [check("api_tokens_role_check", sql`${t.role} in ('viewer', 'analyst', 'admin')`)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: str("at").notNull(),
    actor: str("actor").notNull(),
    action: str("action").notNull(),
    target: str("target"),
    detail: jsonText<Record<string, unknown>>()("detail"),
    ip: str("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

export const appSettings = pgTable("app_settings", {
  key: str("key").primaryKey(),
  value: str("value").notNull(),
});

export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    bucket: str("bucket").notNull(),
    keyHash: str("key_hash").notNull(),
    /** Milliseconds since the epoch: beyond a 32-bit integer, so bigint (SQLite's integers are 64-bit). */
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("rate_limit_hits_key_idx").on(t.bucket, t.keyHash, t.at), index("rate_limit_hits_at_idx").on(t.bucket, t.at)],
);
