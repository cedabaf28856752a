/** corridor seed: loads data/seed/*.csv; a file already loaded (same checksum, not undone) is skipped. */
import { sql } from "drizzle-orm";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot, type CorridorDb } from "./db.ts";
import { env } from "./env.ts";
import { importFile, sha256File, type ImportSummary } from "./import/index.ts";
import { importEvents, type EventImportSummary } from "./events/store.ts";

export interface SeedReport {
  file: string;
  status: "loaded" | "already loaded" | "failed";
  summary?: ImportSummary;
  events?: EventImportSummary;
}

export function defaultSeedDir(): string {
  return env().CORRIDOR_SEED_DIR ?? join(repositoryRoot(), "data", "seed");
}

export async function seed(db: CorridorDb, dir: string = defaultSeedDir()): Promise<SeedReport[]> {
  if (!existsSync(dir)) throw new Error(`seed folder ${dir} does not exist`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort();
  const reports: SeedReport[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const sha256 = await sha256File(path);
    const done = await db.get(sql`SELECT id FROM imports WHERE sha256 = ${sha256} AND status = 'committed' LIMIT 1`);
    if (done) {
      reports.push({ file, status: "already loaded" });
      continue;
    }
    const summary = await importFile(db, path, { importedBy: "seed" });
    reports.push({ file, status: summary.committed ? "loaded" : "failed", summary });
  }
  // Events: every .md and .csv under seed/events, in one all-or-nothing batch (links cross files).
  const eventDir = join(dir, "events");
  if (existsSync(eventDir)) {
    const eventFiles = readdirSync(eventDir).filter((f) => /\.(md|csv)$/i.test(f)).sort().map((f) => join(eventDir, f));
    const result = await importEvents(db, eventFiles, { by: "seed" });
    const changed = result.inserted.length + result.updated.length;
    reports.push({ file: "events/", status: !result.committed ? "failed" : changed === 0 ? "already loaded" : "loaded", events: result });
  }
  return reports;
}
