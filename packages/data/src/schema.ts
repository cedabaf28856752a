/**
 * The data model. Every table is exported here; migrations are generated from this file with
 * drizzle-kit (`npm run generate -w @corridor/data`) and committed under drizzle/.
 */
import { sql } from "drizzle-orm";
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const countries = sqliteTable("countries", {
  /** ISO 3166-1 alpha-3, or WLD for "all partners / world". */
  code: text("code").primaryKey(),
  alpha2: text("alpha2"),
  nameEn: text("name_en").notNull(),
  nameRu: text("name_ru").notNull(),
  /** Other names and codes publications use (JSON array of strings). */
  aliases: text("aliases", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
});

export const indicatorKinds = ["flow", "stock", "rate"] as const;
export type IndicatorKind = (typeof indicatorKinds)[number];
export const countryRoles = ["origin", "destination"] as const;
export type CountryRole = (typeof countryRoles)[number];

export const indicators = sqliteTable("indicators", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  unit: text("unit").notNull(),
  description: text("description").notNull().default(""),
  /** flow → sum when rolled up, stock → last value, rate → mean of complete periods. */
  kind: text("kind", { enum: indicatorKinds }).notNull(),
  /** Where the one country of a single-country publication goes (the other side is WLD or RUS…). */
  defaultRole: text("default_role", { enum: countryRoles }).notNull().default("origin"),
  /** The counterpart used with defaultRole when a publication names one country only. */
  defaultCounterpart: text("default_counterpart").notNull().default("WLD"),
  /** External codes (World Bank, Eurostat…) that name this indicator (JSON array). */
  aliases: text("aliases", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
});

export const importStatuses = ["committed", "undone"] as const;

export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    format: text("format").notNull(),
    /** The options the import ran with (JSON). */
    options: text("options", { mode: "json" })
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'`),
    importedBy: text("imported_by").notNull(),
    importedAt: text("imported_at").notNull(),
    rowsRead: integer("rows_read").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    skippedMissing: integer("skipped_missing").notNull().default(0),
    status: text("status", { enum: importStatuses }).notNull().default("committed"),
    undoneAt: text("undone_at"),
  },
  (t) => [index("imports_sha256_idx").on(t.sha256)],
);

/**
 * The file an upload brought, as uploaded, kept in the database so that every server process on it
 * can hand it back (several instances need no shared folder) and backups and copies carry it.
 */
export const importFiles = sqliteTable("import_files", {
  importId: integer("import_id")
    .primaryKey()
    .references(() => imports.id),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
});

export const frequencies = ["A", "H", "Q", "M", "D"] as const;
/** A figure published as "more than N" (lower) or "less than / almost N" (upper): the value is the bound, not an estimate. */
export const bounds = ["lower", "upper"] as const;
export type Bound = (typeof bounds)[number];

export const observations = sqliteTable(
  "observations",
  {
    id: integer("id").primaryKey(),
    indicator: text("indicator")
      .notNull()
      .references(() => indicators.code),
    /** The migrants' origin (remittances received by TJK sit on TJK→WLD). */
    origin: text("origin")
      .notNull()
      .references(() => countries.code),
    destination: text("destination")
      .notNull()
      .references(() => countries.code),
    /** Canonical: 2021, 2021-H1, 2021-Q2, 2021-04, 2021-04-16. */
    period: text("period").notNull(),
    frequency: text("frequency", { enum: frequencies }).notNull(),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    /** Exactly as published; formatting is the view's job. */
    value: real("value").notNull(),
    breakdown: text("breakdown").notNull().default("total"),
    /** p provisional, e estimated, b break in series, a approximate (rounded as reported), u unverified. */
    flag: text("flag"),
    /** null: the value as published; lower/upper: the publication gives only a bound ("more than 3 million"). */
    bound: text("bound", { enum: bounds }),
    source: text("source"),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id),
  },
  (t) => [
    // Corridor first: the one index serves series() (corridor + indicator, periods in order), the
    // per-corridor views and the import's conflict check. A second corridor index cost ~25% of
    // import time for no query it alone could serve.
    uniqueIndex("observations_key_idx").on(t.origin, t.destination, t.indicator, t.period, t.breakdown),
    // Undo and per-import history.
    index("observations_import_idx").on(t.importId),
  ],
);

/**
 * What corridors() and the pages list — per corridor, indicator, breakdown and frequency: how many
 * observations and their first and last period and day — kept current by every write to
 * observations in the same transaction (corridor-ranges.ts), so that no page reads every
 * observation to list them. Backfilled from observations by migration 0007.
 */
export const corridorRanges = sqliteTable(
  "corridor_ranges",
  {
    origin: text("origin").notNull(),
    destination: text("destination").notNull(),
    indicator: text("indicator").notNull(),
    breakdown: text("breakdown").notNull(),
    frequency: text("frequency", { enum: frequencies }).notNull(),
    observations: integer("observations").notNull(),
    firstPeriod: text("first_period").notNull(),
    lastPeriod: text("last_period").notNull(),
    firstDay: text("first_day").notNull(),
    lastDay: text("last_day").notNull(),
  },
  // Corridor first, as observations' key index: a write recomputes the (origin, destination, indicator) groups it touched.
  (t) => [primaryKey({ columns: [t.origin, t.destination, t.indicator, t.breakdown, t.frequency] })],
);

export const revisions = sqliteTable(
  "revisions",
  {
    id: integer("id").primaryKey(),
    indicator: text("indicator").notNull(),
    origin: text("origin").notNull(),
    destination: text("destination").notNull(),
    period: text("period").notNull(),
    breakdown: text("breakdown").notNull(),
    oldValue: real("old_value").notNull(),
    oldFlag: text("old_flag"),
    oldBound: text("old_bound", { enum: bounds }),
    oldSource: text("old_source"),
    /** The import that wrote the replaced value. */
    oldImportId: integer("old_import_id")
      .notNull()
      .references(() => imports.id),
    newValue: real("new_value").notNull(),
    newFlag: text("new_flag"),
    newBound: text("new_bound", { enum: bounds }),
    /** The import that replaced it. */
    newImportId: integer("new_import_id")
      .notNull()
      .references(() => imports.id),
    replacedAt: text("replaced_at").notNull(),
  },
  (t) => [
    index("revisions_new_import_idx").on(t.newImportId),
    index("revisions_old_import_idx").on(t.oldImportId),
    index("revisions_key_idx").on(t.indicator, t.origin, t.destination, t.period, t.breakdown),
  ],
);

export type Country = typeof countries.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;
export type ImportRow = typeof imports.$inferSelect;
export type Observation = typeof observations.$inferSelect;
export type Revision = typeof revisions.$inferSelect;
export type CorridorRangeRow = typeof corridorRanges.$inferSelect;

// ---- Policy events (annotations) -----------------------------------------------------------

export const eventKinds = ["talks", "decree", "agreement", "law", "restriction", "enforcement", "economic", "other"] as const;
export type EventKind = (typeof eventKinds)[number];
export const datePrecisions = ["day", "month", "year"] as const;
export type DatePrecision = (typeof datePrecisions)[number];
export const verifications = ["verified", "unverified"] as const;
/** Which of an event's dates are uncertain (e.g. an end date known only from memory). */
export const eventDateEnds = ["start", "end"] as const;
export type EventDateEnd = (typeof eventDateEnds)[number];
export type Verification = (typeof verifications)[number];
export const eventRoles = ["party", "affected"] as const;
export type EventRole = (typeof eventRoles)[number];
/** extends: prolongs the other's measures; amends: changes its text; follows_up: a later round; cites: refers to it. */
export const eventRelations = ["extends", "amends", "follows_up", "cites"] as const;
export type EventRelation = (typeof eventRelations)[number];

export const events = sqliteTable(
  "events",
  {
    /** A readable slug, e.g. `2021-04-19-russia-tajikistan-migration-talks`. */
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    kind: text("kind", { enum: eventKinds }).notNull(),
    /** ISO date; for month/year precision the first day of that month/year. */
    startsOn: text("starts_on").notNull(),
    /** Last day of a span (inclusive); null for a point event. */
    endsOn: text("ends_on"),
    datePrecision: text("date_precision", { enum: datePrecisions }).notNull().default("day"),
    /** The dates (start, end) that are uncertain, as opposed to merely imprecise (datePrecision). */
    uncertainDates: text("uncertain_dates", { mode: "json" })
      .$type<EventDateEnd[]>()
      .notNull()
      .default(sql`'[]'`),
    announcedOn: text("announced_on"),
    inForceOn: text("in_force_on"),
    expiresOn: text("expires_on"),
    /** e.g. "Decree No. 274 of 18 April 2020". */
    documentRef: text("document_ref"),
    sourceUrl: text("source_url"),
    summary: text("summary").notNull().default(""),
    /** Markdown; rendered and sanitised by the web app. */
    body: text("body").notNull().default(""),
    tags: text("tags", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    verification: text("verification", { enum: verifications }).notNull().default("unverified"),
    /** What exactly is or is not verified ("decree number from memory"). */
    verificationNote: text("verification_note"),
    /** Labelled on the chart itself: true/false as an analyst set it, null to follow the kind's default. */
    key: integer("is_key", { mode: "boolean" }),
    /** Short text for that label (null: the title, shortened). */
    label: text("label"),
    // The same text in Russian ("" / null: none). The unsuffixed columns are the English text; an
    // event has a title in at least one language (events/text.ts picks the reader's).
    titleRu: text("title_ru").notNull().default(""),
    summaryRu: text("summary_ru").notNull().default(""),
    bodyRu: text("body_ru").notNull().default(""),
    labelRu: text("label_ru"),
    /**
     * Set when that language's text is a translation the project wrote (who, and the day), not the
     * source's own wording: it is shown as such, never as the ministry's text. Null: the text as the
     * source (or the analyst writing the event) gave it.
     */
    translatedBy: text("translated_by"),
    translatedOn: text("translated_on"),
    translatedByRu: text("translated_by_ru"),
    translatedOnRu: text("translated_on_ru"),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
    /** File (or user) that wrote this version. */
    updatedBy: text("updated_by").notNull(),
  },
  (t) => [index("events_starts_on_idx").on(t.startsOn), index("events_kind_idx").on(t.kind)],
);

export const eventCountries = sqliteTable(
  "event_countries",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** Alpha-3, or ALL for "every foreign national". */
    country: text("country").notNull(),
    role: text("role", { enum: eventRoles }).notNull().default("party"),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.country] }), index("event_countries_country_idx").on(t.country)],
);

export const eventLinks = sqliteTable(
  "event_links",
  {
    fromEvent: text("from_event")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    relation: text("relation", { enum: eventRelations }).notNull(),
    toEvent: text("to_event")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.fromEvent, t.relation, t.toEvent] }), index("event_links_to_idx").on(t.toEvent)],
);

/** Every replaced version of an event, as JSON, so an edit never loses what was there. */
export const eventVersions = sqliteTable(
  "event_versions",
  {
    id: integer("id").primaryKey(),
    eventId: text("event_id").notNull(),
    version: integer("version").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    replacedAt: text("replaced_at").notNull(),
    replacedBy: text("replaced_by").notNull(),
  },
  (t) => [uniqueIndex("event_versions_key_idx").on(t.eventId, t.version)],
);

export type EventRow = typeof events.$inferSelect;
export type EventCountryRow = typeof eventCountries.$inferSelect;
export type EventLinkRow = typeof eventLinks.$inferSelect;

/** A saved import mapping (format, encoding, delimiter, options, --map, constants) reused for the next release. */
export const importProfiles = sqliteTable("import_profiles", {
  name: text("name").primaryKey(),
  options: text("options", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});
export type ImportProfile = typeof importProfiles.$inferSelect;

/**
 * One row: which database this is (random at creation) and a counter that triggers bump on every
 * committed import, undo and event change. Caches and ETags key on it instead of hashing data.
 */
export const dataState = sqliteTable("data_state", {
  id: integer("id").primaryKey(),
  databaseId: text("database_id").notNull(),
  version: integer("version").notNull(),
});

/**
 * A published chart: the data exactly as it was drawn (series + events), frozen under a
 * content-derived id, so a pinned embed shows the same figures after later imports and undos.
 */
export const snapshots = sqliteTable("snapshots", {
  id: text("id").primaryKey(),
  kind: text("kind").notNull(),
  query: text("query", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  payload: text("payload", { mode: "json" }).$type<unknown>().notNull(),
  dataVersion: integer("data_version").notNull(),
  createdAt: text("created_at").notNull(),
});
export type SnapshotRow = typeof snapshots.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Accounts. `user`, `session`, `account` and `verification` are better-auth's tables (its Drizzle
// adapter reads and writes them; column names as its schema generator makes them). Dates there are
// integer milliseconds because better-auth passes Date objects.

/** Who may do what: viewer (read) < analyst (import, undo, edit events) < admin (users, tokens). */
export const USER_ROLES = ["viewer", "analyst", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const user = sqliteTable(
  "user",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
    image: text("image"),
    role: text("role", { enum: USER_ROLES }).notNull().default("viewer"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [check("user_role_check", sql`${t.role} in ('viewer', 'analyst', 'admin')`)],
);
export type UserRow = typeof user.$inferSelect;

export const session = sqliteTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const account = sqliteTable(
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
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    /** better-auth's scrypt hash (salt:key), never the password. */
    password: text("password"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

export const verification = sqliteTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

/**
 * API tokens for scripts (`Authorization: Bearer …`). Only the SHA-256 of the token is stored: tokens
 * are 32 random bytes, so a fast hash is enough and the token is shown once, when it is made.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [check("api_tokens_role_check", sql`${t.role} in ('viewer', 'analyst', 'admin')`)],
);
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Every write through the CLI's account commands or the web: who, what, to what, when, from where. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);
export type AuditRow = typeof auditLog.$inferSelect;

/** Server settings made once per database, e.g. the auth secret when $CORRIDOR_AUTH_SECRET is unset. */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// ---------------------------------------------------------------------------------------------
// Rate limits (rate-limits.ts): one row per counted event, in the database so that every server
// process on it counts the same events. The key is a hash: failed sign-ins name an email and an address.

export const rateLimitHits = sqliteTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bucket: text("bucket").notNull(),
    keyHash: text("key_hash").notNull(),
    /** Milliseconds since the epoch. */
    at: integer("at").notNull(),
  },
  (t) => [index("rate_limit_hits_key_idx").on(t.bucket, t.keyHash, t.at), index("rate_limit_hits_at_idx").on(t.bucket, t.at)],
);
