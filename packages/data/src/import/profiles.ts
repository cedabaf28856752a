/** Import profiles: a mapping saved under a name and reused for next quarter's file (CLI and web). */
import { sql } from "drizzle-orm";
import { rowsOf } from "../dialect.ts";
import type { SqlRunner } from "../runner.ts";
import type { CorridorDb } from "../db.ts";
import { CorridorError } from "../errors.ts";
import { importProfiles } from "../schema.ts";
import { importProfileRow, type ImportProfileRow } from "../shapes.ts";
import type { ImportOptions } from "./index.ts";

/** The options a profile keeps: how to read the file, not what happened in one run. */
const KEPT = ["format", "indicator", "origin", "destination", "source", "map", "countryRole", "columns", "decimal", "delimiter", "encoding"] as const;
export type ProfileOptions = Pick<ImportOptions, (typeof KEPT)[number]>;

export class ProfileError extends CorridorError {
  constructor(message: string) {
    super("usage", message);
  }
}

export function profileOptions(options: ImportOptions): ProfileOptions {
  const kept: Record<string, unknown> = {};
  for (const key of KEPT) {
    const value = options[key];
    if (value === undefined || value === "auto" || (typeof value === "object" && Object.keys(value).length === 0)) continue;
    kept[key] = value;
  }
  return kept as ProfileOptions;
}

/** A profile as read back: its stored JSON checked (a row another version wrote wrong is refused by name). */
export type ImportProfile = ImportProfileRow;

function parseRow(row: unknown): ImportProfile {
  const parsed = importProfileRow.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ProfileError(`import profile "${(row as { name?: string }).name}" is damaged: ${issue.path.join(".")}: ${issue.message}`);
}

export async function saveProfile(db: CorridorDb, name: string, options: ImportOptions): Promise<ImportProfile> {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) throw new ProfileError(`profile name "${name}" may hold letters, digits, - and _ only`);
  const now = new Date().toISOString();
  const kept = JSON.stringify(profileOptions(options));
  await db.transaction(
    (tx) =>
      tx.run(
        sql`INSERT INTO import_profiles (name, options, created_at, updated_at) VALUES (${name}, ${kept}, ${now}, ${now})
            ON CONFLICT (name) DO UPDATE SET options = excluded.options, updated_at = excluded.updated_at`,
      ),
    `saving the import profile ${name}`,
  );
  return (await getProfile(db, name))!;
}

export async function getProfile(db: SqlRunner, name: string): Promise<ImportProfile | undefined> {
  const row = (await rowsOf(db, importProfiles, sql`WHERE name = ${name}`))[0];
  return row && parseRow(row);
}

export async function listProfiles(db: SqlRunner): Promise<ImportProfile[]> {
  return (await rowsOf(db, importProfiles, sql`ORDER BY name`)).map(parseRow);
}

/** Options for a run: the profile's, overridden by what was given on this run. */
export async function withProfile(db: CorridorDb, name: string | undefined, given: ImportOptions): Promise<ImportOptions> {
  if (!name) return given;
  const profile = await getProfile(db, name);
  if (!profile) throw new ProfileError(`no import profile "${name}" (see \`corridor profiles\`)`);
  const merged: ImportOptions = { ...profile.options };
  for (const [key, value] of Object.entries(given) as [keyof ImportOptions, unknown][]) {
    if (value === undefined || value === "auto") continue;
    if (key === "map") merged.map = { ...merged.map, ...(value as ImportOptions["map"]) };
    else (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
