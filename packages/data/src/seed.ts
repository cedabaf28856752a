/** corridor seed: loads data/seed/*.csv; a file already loaded (same checksum, not undone) is skipped. */
import { and, eq } from "drizzle-orm";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot, type CorridorDb } from "./db.ts";
import { importFile, sha256File, type ImportSummary } from "./import/index.ts";
import { imports } from "./schema.ts";

export interface SeedReport {
  file: string;
  status: "loaded" | "already loaded" | "failed";
  summary?: ImportSummary;
}

export function defaultSeedDir(): string {
  return process.env.CORRIDOR_SEED_DIR ?? join(repositoryRoot(), "data", "seed");
}

export async function seed(db: CorridorDb, dir: string = defaultSeedDir()): Promise<SeedReport[]> {
  if (!existsSync(dir)) throw new Error(`seed folder ${dir} does not exist`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort();
  const reports: SeedReport[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const sha256 = await sha256File(path);
    const done = await db.orm
      .select({ id: imports.id })
      .from(imports)
      .where(and(eq(imports.sha256, sha256), eq(imports.status, "committed")));
    if (done.length > 0) {
      reports.push({ file, status: "already loaded" });
      continue;
    }
    const summary = await importFile(db, path, { importedBy: "seed" });
    reports.push({ file, status: summary.committed ? "loaded" : "failed", summary });
  }
  return reports;
}
