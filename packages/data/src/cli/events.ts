/** The CLI's policy-event commands: events import, list, show, impact, suggest. */
import { Option } from "commander";
import { readFileSync } from "node:fs";
import { events, getEvent, importEvents, listEvents } from "../events/store.ts";
import { QueryArgumentError } from "../queries/resolve.ts";
import { EXIT_DATA } from "../errors.ts";
import { collect, UsageError, withDb, type Cli } from "./context.ts";
import { json, print } from "./output.ts";

export function registerEvents({ program, dbOption }: Cli): void {
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
    .option("--search <words>", "whose English or Russian text holds every word (case-insensitive)")
    .option("--json", "print JSON")
    .action(async (o) => {
      // The list carries each event's full text too: the founding press release is the point.
      const list = await withDb(o.db, (db) => listEvents(db, { countries: o.country, from: o.from, to: o.to, kinds: o.kind, tags: o.tag, text: o.search }));
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
      // The other language's title, and whose text each is: a translation is never shown as the source's.
      const ru = event.texts.ru;
      if (event.texts.en && ru) print(`ru: ${ru.title}`);
      for (const [lang, t] of Object.entries(event.texts))
        if (t.translation) print(`(${lang}: translated by ${t.translation.by}${t.translation.on ? ` on ${t.translation.on}` : ""}, not the source's own text)`);
      for (const l of event.links) print(`  ${l.direction === "out" ? l.relation : `${l.relation} (by)`} ${l.id}`);
      if (event.body) print(`\n${event.body}`);
    });

  eventsSub("impact")
    .description("what an event did to an indicator: N periods before vs after (a year earlier as baseline); --method its adds an interrupted time series estimate")
    .argument("<id>", "event id")
    .requiredOption("--indicator <code>", "indicator code or alias")
    .requiredOption("--origin <country>", "origin country")
    .option("--destination <country>", "destination country", "WLD")
    .option("--window <n>", "periods on each side (before-after: 2; its: ten years' worth — 10 A, 20 H, 40 Q, 120 M)")
    .addOption(new Option("--frequency <f>", "frequency").choices(["A", "H", "Q", "M", "D"]))
    .addOption(new Option("--method <m>", "before-after, or its for an interrupted time series with 95 % intervals").choices(["before-after", "its"]).default("before-after"))
    .option("--control-origin <country>", "its: a control corridor's origin (the model runs on treated − control)")
    .option("--control-destination <country>", "its: the control corridor's destination (default: --destination)")
    .option("--json", "print JSON")
    .action(async (id: string, o) => {
      if (o.window !== undefined && !/^\d+$/.test(o.window)) throw new UsageError(`--window must be a whole number, got "${o.window}"`);
      if ((o.controlOrigin || o.controlDestination) && o.method !== "its") throw new UsageError("--control-origin and --control-destination go with --method its");
      if (o.controlDestination && !o.controlOrigin) throw new UsageError("--control-destination needs --control-origin");
      const control = o.controlOrigin ? { origin: o.controlOrigin, destination: o.controlDestination ?? o.destination } : undefined;
      // Loaded here, not at start-up: the statistics (ml-matrix, jStat) cost every other command time.
      const [{ impact }, { impactJson }] = await Promise.all([import("../events/impact.ts"), import("../events/impact-export.ts")]);
      const result = await withDb(o.db, (db) =>
        impact(db, { event: id, indicator: o.indicator, origin: o.origin, destination: o.destination, window: o.window === undefined ? undefined : Number(o.window), frequency: o.frequency, method: o.method, control }),
      );
      if (o.json) return print(impactJson(result));
      const c = result.comparison;
      print(`${result.indicator.name}, ${result.origin} → ${result.destination}${c.eventPeriod ? `, event period ${c.eventPeriod}` : ""}`);
      if (c.status !== "ok") print(`  before/after: not enough data around ${c.eventPeriod || "the event"}: missing ${c.missing.join(", ") || "the whole series"}`);
      else {
        const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
        print(`  before ${c.before.periods.join(", ")}: mean ${fmt.format(c.before.mean)}`);
        print(`  after  ${c.after.periods.join(", ")}: mean ${fmt.format(c.after.mean)} (${c.changePct === null ? "n/a" : `${c.changePct.toFixed(1)}%`})`);
        const b = result.baseline;
        print(b.status === "ok" ? `  a year earlier: ${b.changePct === null ? "n/a" : `${b.changePct.toFixed(1)}%`}` : `  a year earlier: not enough data (missing ${b.missing.join(", ")})`);
      }
      const its = result.its;
      if (!its) return;
      const against = its.control ? ` against ${its.control.origin} → ${its.control.destination}` : "";
      if (its.status !== "ok") return print(`  interrupted time series${against}: not enough data — ${its.reason}${its.missing.length ? `; missing ${its.missing.join(", ")}` : ""}`);
      print(`  interrupted time series${against}, ${its.from}…${its.to} (n = ${its.n}, ${its.lags} Newey–West lags):`);
      print(`    ${its.reading.level}`);
      print(`    ${its.reading.slope}`);
      if (its.reading.confounders) print(`    ${its.reading.confounders}: ${its.confounders.join(", ")}`);
    });

  eventsSub("suggest")
    .description("propose an event from a press release (English or Russian)")
    .requiredOption("--text-file <file>", "the press release as text")
    .option("--json", "print JSON")
    .action(async (o) => {
      const text = readFileSync(o.textFile, "utf8");
      // Loaded here, not at start-up: chrono-node alone costs ≈ 0.2 s to load.
      const { suggestEvent } = await import("../events/suggest.ts");
      const suggestion = await withDb(o.db, async (db) => suggestEvent(text, await events(db)));
      if (o.json) return json(suggestion);
      print(`${suggestion.title}\n${suggestion.kind}, ${suggestion.startsOn ?? "?"}…${suggestion.endsOn ?? "?"}, ${suggestion.countries.join(", ")}`);
      for (const r of suggestion.references) print(`  cites: ${r.text}${r.eventId ? ` → ${r.eventId}` : ""}`);
    });
}
