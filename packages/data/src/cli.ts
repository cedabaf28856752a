/**
 * The `corridor` command. Exit status: 0 ok, 1 data errors, 2 usage errors.
 */
import { Command, CommanderError, Option } from "commander";
import { busyTimeoutMs, DatabaseError, defaultDbPath, explainDatabaseError, openDb, type CorridorDb } from "./db.ts";
import { BadInputError, FORMATS, MappingError, parseRoleMap, runImport, type ImportOptions, type ImportSummary, type Role } from "./import/index.ts";
import { listProfiles, ProfileError } from "./import/profiles.ts";
import { listImports, undoImport, UndoError } from "./history.ts";
import { series } from "./queries/series.ts";
import { corridors } from "./queries/corridors.ts";
import { latest } from "./queries/latest.ts";
import { QueryArgumentError } from "./queries/resolve.ts";
import { addIndicator, listIndicators } from "./catalog-admin.ts";
import { seed } from "./seed.ts";
import { isFrequency } from "./periods.ts";
import { ROLES } from "./import/normalise.ts";
import { events, getEvent, importEvents, listEvents } from "./events/store.ts";
import { impact } from "./events/impact.ts";
import { readFileSync } from "node:fs";
import { startParseWorker } from "./import/parse-worker-start.ts";
import { userInfo } from "node:os";
import { AccountError, addUser, createToken, isUserRole, listAudit, listTokens, listUsers, revokeToken, setUserRole, USER_ROLES, type UserRole } from "./accounts.ts";

const EXIT_DATA = 1;
const EXIT_USAGE = 2;
class UsageError extends Error {}

function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
function json(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** The CLI waits this long for another import to finish before giving up (a web request waits 5 s). */
const CLI_BUSY_TIMEOUT_MS = 300_000;

async function withDb<T>(path: string | undefined, run: (db: CorridorDb) => Promise<T>): Promise<T> {
  const file = path ?? defaultDbPath();
  const waitMs = busyTimeoutMs(CLI_BUSY_TIMEOUT_MS);
  let db: CorridorDb;
  try {
    db = openDb(file, { busyTimeoutMs: waitMs });
  } catch (error) {
    throw explainDatabaseError(error, file, waitMs);
  }
  try {
    return await run(db);
  } catch (error) {
    throw explainDatabaseError(error, file, waitMs);
  } finally {
    try {
      db.close();
    } catch {
      // Closing checkpoints the WAL; if that fails (full disk) the committed data is still in the WAL.
    }
  }
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

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

/** Who ran an account command, for the audit log: the operating-system user at the terminal. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

function parseRole(value: string): UserRole {
  if (!isUserRole(value)) throw new UsageError(`--role ${value}: roles are ${USER_ROLES.join(", ")}`);
  return value;
}

/** The password: typed without echo when stdin is a terminal, else the first line of stdin. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    return new Promise((done, fail) => {
      let typed = "";
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === "\r" || ch === "\n" || ch === "\u0004") {
            finish();
            return done(typed);
          }
          if (ch === "\u0003") {
            finish();
            return fail(new UsageError("cancelled"));
          }
          if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      const finish = () => {
        stdin.off("data", onData);
        stdin.setRawMode(false);
        stdin.pause();
        process.stderr.write("\n");
      };
      stdin.on("data", onData);
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

/** A cell of 100,000 characters is named by its first few dozen. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString("en")} characters)` : text;
}

function describeImport(s: ImportSummary): string {
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

export function buildProgram(): Command {
  const program = new Command("corridor")
    .description("Corridor: labour-migration statistics and the policy events that move them")
    .showHelpAfterError()
    .exitOverride();
  const dbOption = () => new Option("--db <path>", "SQLite database (default: $CORRIDOR_DB or data/corridor.db)");
  const command = (name: string) => program.command(name).addOption(dbOption()).exitOverride();

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

  command("series")
    .description("one indicator on one corridor, in period order")
    .requiredOption("--indicator <code>", "indicator code or alias")
    .requiredOption("--origin <country>", "origin country")
    .option("--destination <country>", "destination country", "WLD")
    .addOption(new Option("--frequency <f>", "roll up to A, Q or M").choices(["A", "H", "Q", "M", "D"]))
    .option("--from <period>", "first period (inclusive)")
    .option("--to <period>", "last period (inclusive)")
    .option("--breakdown <b>", "breakdown", "total")
    .option("--partial", "include incomplete roll-ups, marked partial")
    .option("--json", "print JSON")
    .action(async (o) => {
      if (o.frequency && !isFrequency(o.frequency)) throw new UsageError(`--frequency ${o.frequency}`);
      const s = await withDb(o.db, (db) =>
        series(db, { indicator: o.indicator, origin: o.origin, destination: o.destination, frequency: o.frequency, from: o.from, to: o.to, breakdown: o.breakdown, partial: !!o.partial }),
      );
      const points = s.points.map(({ period, value, flag, source, partial }) => ({ period, value, ...(flag && { flag }), ...(source && { source }), ...(partial && { partial }) }));
      if (o.json)
        return json({ indicator: { code: s.indicator.code, name: s.indicator.name, unit: s.indicator.unit }, origin: s.origin, destination: s.destination, frequency: s.frequency, points });
      print(`${s.indicator.name} (${s.indicator.unit}), ${s.origin} → ${s.destination}, ${s.frequency ?? "no data"}`);
      for (const p of points) print(`${p.period.padEnd(10)} ${String(p.value).padStart(20)} ${p.flag ?? ""}`);
    });

  command("corridors")
    .description("corridors with data, their indicators and period ranges")
    .option("--json", "print JSON")
    .action(async (o) => {
      const rows = await withDb(o.db, corridors);
      if (o.json) return json(rows);
      for (const c of rows) {
        print(`${c.origin} → ${c.destination}  (${c.originName} → ${c.destinationName})`);
        for (const i of c.indicators) print(`  ${i.code.padEnd(32)} ${i.ranges.map((r) => `${r.frequency} ${r.first}…${r.last} (${r.count})`).join(", ")}`);
      }
    });

  command("latest")
    .description("latest value per indicator on a corridor, with its changes")
    .requiredOption("--origin <country>", "origin country")
    .option("--destination <country>", "destination country", "WLD")
    .option("--json", "print JSON")
    .action(async (o) => {
      const rows = await withDb(o.db, (db) => latest(db, { origin: o.origin, destination: o.destination }));
      if (o.json) return json(rows);
      for (const r of rows)
        print(`${r.indicator.code.padEnd(32)} ${r.period.padEnd(10)} ${r.value}${r.yearAgo?.changePct != null ? ` (${r.yearAgo.changePct.toFixed(1)}% on a year earlier)` : ""}`);
    });

  const indicators = command("indicators")
    .description("the indicator catalog")
    .option("--json", "print JSON")
    .action(async (o) => {
      const rows = await withDb(o.db, listIndicators);
      if (o.json) return json(rows);
      for (const i of rows) print(`${i.code.padEnd(32)} ${i.kind.padEnd(6)} ${i.unit.padEnd(16)} ${i.aliases.join(", ")}`);
    });
  indicators
    .command("add")
    .description("add an indicator to the catalog")
    .addOption(dbOption())
    .requiredOption("--code <code>", "lower_snake_case code")
    .requiredOption("--name <name>", "name")
    .requiredOption("--unit <unit>", "unit")
    .addOption(new Option("--kind <kind>", "roll-up rule").choices(["flow", "stock", "rate"]).makeOptionMandatory())
    .option("--description <text>", "description")
    .addOption(new Option("--default-role <role>", "where a single-country publication's country goes").choices(["origin", "destination"]).default("origin"))
    .option("--counterpart <country>", "the other side for single-country publications", "WLD")
    .option("--alias <code>", "external code naming this indicator; repeatable", collect)
    .option("--json", "print JSON")
    .exitOverride()
    .action(async (o, cmd: Command) => {
      // --db may be taken by the parent `indicators` command when both define it.
      const row = await withDb(cmd.optsWithGlobals().db, (db) =>
        addIndicator(db, { code: o.code, name: o.name, unit: o.unit, kind: o.kind, description: o.description, defaultRole: o.defaultRole, defaultCounterpart: o.counterpart, aliases: o.alias ?? [] }),
      );
      if (o.json) json(row);
      else print(`added indicator ${row.code}`);
    });

  const eventsCommand = program.command("events").description("policy events: import, list, show, impact, suggest").exitOverride();
  const eventsSub = (name: string) => eventsCommand.command(name).addOption(dbOption()).exitOverride();

  eventsSub("import")
    .description("import events from Markdown (YAML front matter) or CSV files; all-or-nothing, idempotent")
    .argument("<files...>", ".md or .csv files")
    .option("--dry-run", "validate and report, write nothing")
    .option("--json", "print JSON")
    .action(async (files: string[], o) => {
      const result = await withDb(o.db, (db) => importEvents(db, files, { by: "cli", dryRun: !!o.dryRun }));
      if (o.json) json(result);
      else if (result.errors.length > 0) for (const e of result.errors) print(`${e.file}:${e.line}: ${e.key ? `${e.key}: ` : ""}${e.message}`);
      else print(`${result.inserted.length} inserted, ${result.updated.length} updated, ${result.unchanged.length} unchanged${o.dryRun ? " (dry run: nothing written)" : ""}`);
      if (result.errors.length > 0) process.exitCode = EXIT_DATA;
    });

  eventsSub("list")
    .description("events, oldest first; a country matches events that involve it or ALL foreign nationals")
    .option("--country <country>", "involving this country (repeatable)", collect)
    .option("--from <date>", "overlapping from this date/period")
    .option("--to <date>", "overlapping up to this date/period")
    .option("--kind <kind>", "of this kind (repeatable)", collect)
    .option("--tag <tag>", "carrying this tag (repeatable)", collect)
    .option("--json", "print JSON")
    .action(async (o) => {
      // The list carries each event's full text too: the founding press release is the point.
      const list = await withDb(o.db, (db) => listEvents(db, { countries: o.country, from: o.from, to: o.to, kinds: o.kind, tags: o.tag }));
      if (o.json) return json(list);
      // Month- and year-precision dates print as 2024-06 / 2024, not as their first day.
      const shown = (date: string, precision: string) => (precision === "year" ? date.slice(0, 4) : precision === "month" ? date.slice(0, 7) : date);
      for (const e of list)
        print(`${`${shown(e.startsOn, e.datePrecision)}${e.endsOn ? `…${e.endsOn}` : ""}`.padEnd(22)} ${e.kind.padEnd(11)} ${e.id}${e.verification === "unverified" ? " (unverified)" : ""}\n  ${e.title}`);
    });

  eventsSub("show")
    .description("one event with its text, links and version history")
    .argument("<id>", "event id")
    .option("--json", "print JSON")
    .action(async (id: string, o) => {
      const event = await withDb(o.db, (db) => getEvent(db, id));
      if (!event) throw new QueryArgumentError(`unknown event "${id}"`);
      if (o.json) return json(event);
      print(`${event.title}\n${event.kind}, ${event.startsOn}${event.endsOn ? ` … ${event.endsOn}` : ""}, ${event.verification}${event.documentRef ? `\n${event.documentRef}` : ""}${event.sourceUrl ? `\n${event.sourceUrl}` : ""}`);
      for (const l of event.links) print(`  ${l.direction === "out" ? l.relation : `${l.relation} (by)`} ${l.id}`);
      if (event.body) print(`\n${event.body}`);
    });

  eventsSub("impact")
    .description("an indicator N periods before vs after an event, with the same comparison a year earlier")
    .argument("<id>", "event id")
    .requiredOption("--indicator <code>", "indicator code or alias")
    .requiredOption("--origin <country>", "origin country")
    .option("--destination <country>", "destination country", "WLD")
    .option("--window <n>", "periods on each side", "2")
    .addOption(new Option("--frequency <f>", "frequency").choices(["A", "H", "Q", "M", "D"]))
    .option("--json", "print JSON")
    .action(async (id: string, o) => {
      if (!/^\d+$/.test(o.window)) throw new UsageError(`--window must be a whole number, got "${o.window}"`);
      const result = await withDb(o.db, (db) => impact(db, { event: id, indicator: o.indicator, origin: o.origin, destination: o.destination, window: Number(o.window), frequency: o.frequency }));
      if (o.json) return json(result);
      const c = result.comparison;
      if (c.status !== "ok") return print(`not enough data around ${c.eventPeriod || "the event"}: missing ${c.missing.join(", ") || "the whole series"}`);
      print(`${result.indicator.name}, ${result.origin} → ${result.destination}, event period ${c.eventPeriod}`);
      const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
      print(`  before ${c.before.periods.join(", ")}: mean ${fmt.format(c.before.mean)}`);
      print(`  after  ${c.after.periods.join(", ")}: mean ${fmt.format(c.after.mean)} (${c.changePct === null ? "n/a" : `${c.changePct.toFixed(1)}%`})`);
      const b = result.baseline;
      print(b.status === "ok" ? `  a year earlier: ${b.changePct === null ? "n/a" : `${b.changePct.toFixed(1)}%`}` : `  a year earlier: not enough data (missing ${b.missing.join(", ")})`);
    });

  eventsSub("suggest")
    .description("propose an event from a press release (English or Russian)")
    .requiredOption("--text-file <file>", "the press release as text")
    .option("--json", "print JSON")
    .action(async (o) => {
      const text = readFileSync(o.textFile, "utf8");
      // Loaded here, not at start-up: chrono-node alone costs ≈ 0.2 s to load.
      const { suggestEvent } = await import("./events/suggest.ts");
      const suggestion = await withDb(o.db, async (db) => suggestEvent(text, await events(db)));
      if (o.json) return json(suggestion);
      print(`${suggestion.title}\n${suggestion.kind}, ${suggestion.startsOn ?? "?"}…${suggestion.endsOn ?? "?"}, ${suggestion.countries.join(", ")}`);
      for (const r of suggestion.references) print(`  cites: ${r.text}${r.eventId ? ` → ${r.eventId}` : ""}`);
    });

  const usersCommand = program.command("users").description("accounts that sign in on the web: add, list, set-role").exitOverride();
  const usersSub = (name: string) => usersCommand.command(name).addOption(dbOption()).exitOverride();
  usersSub("add")
    .description("add a user; the password is read from stdin (typed without echo at a terminal)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <role>", `one of ${USER_ROLES.join(", ")}`)
    .option("--name <name>", "display name (default: the email's local part)")
    .option("--json", "print the new user as JSON")
    .action(async (o: { email: string; role: string; name?: string; db?: string; json?: boolean }) => {
      const role = parseRole(o.role);
      const password = await readPassword(`password for ${o.email}: `);
      await withDb(o.db, async (db) => {
        const made = await addUser(db, { email: o.email, password, role, name: o.name }, cliActor());
        if (o.json) json(made);
        else print(`added ${made.email} (${made.role})`);
      });
    });
  usersSub("list")
    .description("list users and their roles")
    .option("--json", "print JSON")
    .action(async (o: { db?: string; json?: boolean }) => {
      await withDb(o.db, async (db) => {
        const users = listUsers(db);
        if (o.json) return json(users);
        if (users.length === 0) return print("no users (add one: corridor users add --email … --role admin)");
        for (const u of users) print(`${u.email}\t${u.role}\t${u.name}\t${u.createdAt}`);
      });
    });
  usersSub("set-role")
    .description("change a user's role")
    .requiredOption("--email <email>", "the user's email")
    .requiredOption("--role <role>", `one of ${USER_ROLES.join(", ")}`)
    .action(async (o: { email: string; role: string; db?: string }) => {
      const role = parseRole(o.role);
      await withDb(o.db, async (db) => {
        const u = setUserRole(db, o.email, role, cliActor());
        print(`${u.email} is now ${u.role}`);
      });
    });

  const tokensCommand = program.command("tokens").description("API tokens for scripts (Authorization: Bearer …): create, list, revoke").exitOverride();
  const tokensSub = (name: string) => tokensCommand.command(name).addOption(dbOption()).exitOverride();
  tokensSub("create")
    .description("make a token and print it once (only its hash is kept)")
    .requiredOption("--name <name>", "what the token is for, e.g. nightly-upload")
    .option("--role <role>", `one of ${USER_ROLES.join(", ")}`, "analyst")
    .option("--json", "print JSON")
    .action(async (o: { name: string; role: string; db?: string; json?: boolean }) => {
      const role = parseRole(o.role);
      await withDb(o.db, async (db) => {
        const t = createToken(db, { name: o.name, role }, cliActor());
        if (o.json) return json(t);
        print(t.token);
        process.stderr.write(`token ${t.id} "${t.name}" (${t.role}) made; it is shown only this once\n`);
      });
    });
  tokensSub("list")
    .description("list tokens (never their values)")
    .option("--json", "print JSON")
    .action(async (o: { db?: string; json?: boolean }) => {
      await withDb(o.db, async (db) => {
        const tokens = listTokens(db);
        if (o.json) return json(tokens);
        if (tokens.length === 0) return print("no tokens");
        for (const t of tokens) print(`${t.id}\t${t.name}\t${t.role}\tcreated ${t.createdAt} by ${t.createdBy}\tlast used ${t.lastUsedAt ?? "never"}${t.revokedAt ? `\tREVOKED ${t.revokedAt}` : ""}`);
      });
    });
  tokensSub("revoke")
    .description("revoke a token by id; it is refused from then on")
    .argument("<id>", "token id (corridor tokens list)")
    .action(async (id: string, o: { db?: string }) => {
      if (!/^\d+$/.test(id)) throw new UsageError(`token id must be a number, got "${id}"`);
      await withDb(o.db, async (db) => {
        const t = revokeToken(db, Number(id), cliActor());
        print(`token ${t.id} "${t.name}" revoked at ${t.revokedAt}`);
      });
    });

  command("audit")
    .description("the audit log, newest first: who changed what, when, from where")
    .option("--limit <n>", "how many entries", "50")
    .option("--json", "print JSON")
    .action(async (o: { limit: string; db?: string; json?: boolean }) => {
      if (!/^\d+$/.test(o.limit) || Number(o.limit) < 1) throw new UsageError(`--limit must be a positive whole number, got "${o.limit}"`);
      await withDb(o.db, async (db) => {
        const rows = listAudit(db, Number(o.limit));
        if (o.json) return json(rows);
        for (const r of rows) print(`${r.at}\t${r.actor}\t${r.action}\t${r.target ?? ""}${r.ip ? `\tfrom ${r.ip}` : ""}${r.detail ? `\t${JSON.stringify(r.detail)}` : ""}`);
      });
    });

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

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      return error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version" ? 0 : EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof BadInputError) {
      // One line: where and why. Nothing was written.
      const file = argv[0] === "import" ? `${argv[1]}${error.line ? `:${error.line}` : ""}: ` : "";
      process.stderr.write(`corridor: ${file}${message}; nothing was written\n`);
      return EXIT_DATA;
    }
    process.stderr.write(`corridor: ${message}\n`);
    if (error instanceof UsageError || error instanceof MappingError || error instanceof QueryArgumentError || error instanceof ProfileError || error instanceof AccountError) return EXIT_USAGE;
    if (error instanceof UndoError || error instanceof DatabaseError) return EXIT_DATA;
    return EXIT_DATA;
  }
}

if (process.argv[1] && /corridor(\.mjs)?$|cli\.ts$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
