/**
 * One import run as the CLI and the upload route make it: apply a saved profile, import (the
 * parser worker for a big file; on a connection of its own under the write gate for a server),
 * then save the run's mapping as a profile when it imported cleanly.
 */
import { statSync } from "node:fs";
import type { CorridorDb } from "../db.ts";
import type { ImportProfile } from "../schema.ts";
import { importFile, importGateLabel, importOnOwnConnection, type ImportOptions, type ImportSummary } from "./index.ts";
import { saveProfile as storeProfile, withProfile } from "./profiles.ts";
import type { StartParseWorker } from "./read.ts";

/** Files from this size are parsed in a worker thread while the main thread writes (bulk loads only). */
export const PARSE_WORKER_MIN_BYTES = 4 * 1024 * 1024;

export interface RunImportRequest {
  /** What this run was given; a profile's options fill what it leaves out. */
  options: ImportOptions;
  /** Saved profile to start from (ProfileError when there is none of that name). */
  profile?: string;
  /** Save this run's mapping under this name when the import has no errors. */
  saveProfile?: string;
  /** Starts the parser worker (the CLI's); used only for files of PARSE_WORKER_MIN_BYTES or more, where it pays for its ≈ 0.1 s start. */
  parseWorker?: StartParseWorker;
  /**
   * A server's way (importOnOwnConnection): the import on a connection of its own; a real import,
   * or any run that saves a profile, holds the database's write gate throughout, hooks included.
   * A dry run without a profile to save holds no gate. The CLI imports on its one connection.
   */
  onOwnConnection?: boolean;
  /** After the import, before the profile is saved, inside the gate (the web keeps the upload and audits it). */
  onImported?: (summary: ImportSummary) => Promise<void> | void;
  /** After the profile is saved, inside the gate. */
  onProfileSaved?: (profile: ImportProfile) => Promise<void> | void;
}

export interface RunImportResult {
  summary: ImportSummary;
  /** The options the import ran with (profile applied). */
  options: ImportOptions;
  /** The profile saved, if one was asked for and the import had no errors. */
  savedProfile?: ImportProfile;
}

/** Bytes in `path`, 0 when it is not there (importFile then says so in its own words). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export async function runImport(db: CorridorDb, path: string, request: RunImportRequest): Promise<RunImportResult> {
  const options = await withProfile(db, request.profile, request.options);
  const run = async (): Promise<RunImportResult> => {
    const summary = request.onOwnConnection
      ? await importOnOwnConnection(db, path, options)
      : await importFile(db, path, { ...options, parseWorker: request.parseWorker && fileSize(path) >= PARSE_WORKER_MIN_BYTES ? request.parseWorker : undefined });
    await request.onImported?.(summary);
    if (!request.saveProfile || summary.errorCount > 0) return { summary, options };
    // The detected format is kept: next release's file is read as this one was.
    const savedProfile = await storeProfile(db, request.saveProfile, { ...options, format: summary.format });
    await request.onProfileSaved?.(savedProfile);
    return { summary, options, savedProfile };
  };
  if (!request.onOwnConnection || (options.dryRun && !request.saveProfile)) return run();
  return db.writes.run(importGateLabel(path, options), run);
}
