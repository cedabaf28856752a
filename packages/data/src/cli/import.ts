/** The CLI's data-loading commands: import, profiles, imports, undo and seed. */
import { Option } from "commander";
import { FORMATS, MappingError, parseRoleMap, runImport, type ImportOptions, type ImportSummary, type Role } from "../import/index.ts";
import { ROLES } from "../import/normalise.ts";
import { listProfiles } from "../import/profiles.ts";
import { startParseWorker } from "../import/parse-worker-start.ts";
import { listImports, undoImport } from "../history.ts";
import { seed } from "../seed.ts";
import { EXIT_DATA } from "../errors.ts";
import { collect, UsageError, withDb, type Cli } from "./context.ts";
import { clip, json, print } from "./output.ts";

function parseMap(pairs: string[] = []): Partial<Record<Role, string>> {
  try {
    return parseRoleMap(pairs, "--map");
  } catch (error) {
    // A bad --map is a usage error (exit 2), not a data error.
    if (error instanceof MappingError) throw new UsageError(error.message);
    throw error;
  }
}

/** A one-line progress bar on stderr, only when a person is watching. */
function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let lastDrawn = -1;
  return (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === lastDrawn) return;
    lastDrawn = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${pct}% ${(done / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB`);
    if (done >= total) process.stderr.write("\n");
  };
}

/** An import's summary as lines for a person. */
export function describeImport(s: ImportSummary): string {
  const lines = [
    `${s.fileName}: ${s.format}, ${s.encoding}, delimiter ${JSON.stringify(s.delimiter)}, decimal mark ${JSON.stringify(s.decimal)}`,
    `  rows read ${s.rowsRead}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, skipped (missing) ${s.skipped}, rejected ${s.rejected}`,
  ];
  if (s.skippedAggregates.length > 0) lines.push(`  skipped ${s.skippedAggregates.length} aggregate(s) that are not countries: ${s.skippedAggregates.join(", ")}`);
  if (s.errorCount > 0) {
    lines.push(`  ${s.errorCount} error(s); nothing was written:`);
    for (const e of s.errors) lines.push(`  line ${e.line}${e.column ? `, column ${e.column}` : ""}${e.value !== "" ? `, value ${JSON.stringify(clip(e.value, 80))}` : ""}: ${clip(e.value.length > 80 ? e.message.split(e.value).join(clip(e.value, 80)) : e.message, 400)}`);
    if (s.errorCount > s.errors.length) lines.push(`  … and ${s.errorCount - s.errors.length} more`);
  } else if (s.dryRun) lines.push("  dry run: nothing was written");
  else lines.push(`  committed as import ${s.importId}`);
  return lines.join("\n");
}

export function registerImport({ command }: Cli): void {
  command("import")
    .description("import a CSV file (all-or-nothing: any error and nothing is written)")
    .argument("<file>", "CSV file: tidy, wide, World Bank bulk or Eurostat SDMX-CSV, in any common encoding")
    .addOption(new Option("--format <format>", "file format (auto: recognised from the content)").choices(["auto", ...FORMATS]).default("auto"))
    .option("--indicator <code>", "indicator for every row (code or alias)")
    .option("--origin <country>", "origin for every row")
    .option("--destination <country>", "destination for every row")
    .option("--source <text>", "source for rows that do not name one")
    .option("--map <role=column>", `map a column to a role (${ROLES.join(", ")}); repeatable`, collect)
    .addOption(new Option("--country-role <role>", "where a lone country column goes").choices(["origin", "destination"]))
    .option("--columns <roles>", "headerless file: the role of each column, e.g. origin,period,value")
    .addOption(new Option("--decimal <mark>", "decimal mark").choices([".", ",", "auto"]).default("auto"))
    .option("--delimiter <char>", "field delimiter (default: detected; \\t for tab)")
    .option("--encoding <name>", "text encoding (default: detected; e.g. windows-1251, utf-16le)")
    .option("--profile <name>", "start from a saved import profile")
    .option("--save-profile <name>", "save this run's mapping as a profile (when the import succeeds)")
    .option("--dry-run", "validate and report, write nothing")
    .option("--json", "print one JSON object")
    .action(async (file: string, o) => {
      const given: ImportOptions = {
        format: o.format, indicator: o.indicator, origin: o.origin, destination: o.destination, source: o.source,
        map: o.map ? parseMap(o.map) : undefined, countryRole: o.countryRole,
        columns: o.columns ? (String(o.columns).split(",").map((c) => c.trim().toLowerCase()) as Role[]) : undefined,
        decimal: o.decimal, delimiter: o.delimiter === "\\t" ? "\t" : o.delimiter, encoding: o.encoding,
      };
      // Profile → import → profile as the upload route runs it; the parser worker for a big file.
      const { summary } = await withDb(o.db, (db) =>
        runImport(db, file, {
          options: { ...given, dryRun: !!o.dryRun, importedBy: process.env.USER ? `cli:${process.env.USER}` : "cli", onProgress: o.json ? undefined : progressBar() },
          profile: o.profile,
          saveProfile: o.saveProfile,
          parseWorker: startParseWorker,
        }),
      );
      if (o.json) {
        const { importId, format, encoding, delimiter, decimal, rowsRead, inserted, updated, unchanged, skipped, rejected, skippedAggregates, errors, errorCount, dryRun, committed } = summary;
        json({ importId, format, encoding, delimiter, decimal, rowsRead, inserted, updated, unchanged, skipped, rejected, skippedAggregates, errors, errorCount, dryRun, committed });
      } else print(describeImport(summary));
      if (summary.errorCount > 0) process.exitCode = EXIT_DATA;
    });

  command("profiles")
    .description("saved import profiles")
    .option("--json", "print JSON")
    .action(async (o) => {
      const rows = await withDb(o.db, listProfiles);
      if (o.json) return json(rows);
      if (rows.length === 0) return print("no profiles yet (save one with corridor import FILE … --save-profile NAME)");
      for (const p of rows) print(`${p.name.padEnd(24)} ${JSON.stringify(p.options)}`);
    });

  command("imports")
    .description("list imports, newest first")
    .option("--json", "print JSON")
    .action(async (o) => {
      const rows = await withDb(o.db, listImports);
      if (o.json) return json(rows);
      if (rows.length === 0) return print("no imports yet");
      for (const r of rows)
        print(`${String(r.id).padStart(4)}  ${r.status.padEnd(9)} ${r.importedAt}  ${r.fileName}  +${r.inserted} ~${r.updated} =${r.unchanged} skipped ${r.skippedMissing}  by ${r.importedBy}`);
    });

  command("undo")
    .description("undo an import: its new observations go, the values it replaced come back")
    .argument("<importId>", "import id (see `corridor imports`)")
    .option("--json", "print JSON")
    .action(async (id: string, o) => {
      if (!/^\d+$/.test(id)) throw new UsageError(`import id must be a number, got "${id}"`);
      const result = await withDb(o.db, (db) => undoImport(db, Number(id)));
      if (o.json) json(result);
      else print(`import ${result.importId} undone: ${result.deleted} observation(s) removed, ${result.restored} restored`);
    });
}

export function registerSeed({ command }: Cli): void {
  command("seed")
    .description("load the demo dataset from data/seed (idempotent)")
    .option("--dir <path>", "seed folder (default: data/seed)")
    .option("--json", "print JSON")
    .action(async (o) => {
      const reports = await withDb(o.db, (db) => seed(db, o.dir));
      if (o.json)
        json(reports.map(({ file, status, summary, events: e }) => ({ file, status, ...(summary && { inserted: summary.inserted, errors: summary.errors }), ...(e && { inserted: e.inserted.length, updated: e.updated.length, errors: e.errors }) })));
      else
        for (const r of reports)
          print(`${r.file}: ${r.status}${r.summary ? `, ${r.summary.inserted} inserted` : ""}${r.events ? `, ${r.events.inserted.length} inserted, ${r.events.updated.length} updated` : ""}`);
      const failed = reports.filter((r) => r.status === "failed");
      for (const f of failed) {
        if (f.summary) process.stderr.write(`${describeImport(f.summary)}\n`);
        for (const e of f.events?.errors ?? []) process.stderr.write(`${e.file}:${e.line}: ${e.key ? `${e.key}: ` : ""}${e.message}\n`);
      }
      if (failed.length > 0) process.exitCode = EXIT_DATA;
    });
}
