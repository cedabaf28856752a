/** The CLI's reading commands: series, corridors, latest, and the indicator catalog. */
import { Command, Option } from "commander";
import { addIndicator, listIndicators } from "../catalog-admin.ts";
import { isFrequency } from "../periods.ts";
import { corridors } from "../queries/corridors.ts";
import { latest } from "../queries/latest.ts";
import { series } from "../queries/series.ts";
import { seriesJson } from "../series-formats.ts";
import { collect, UsageError, withDb, type Cli } from "./context.ts";
import { json, print } from "./output.ts";

export function registerSeries({ command, dbOption }: Cli): void {
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
      if (o.json) return json(seriesJson(s));
      print(`${s.indicator.name} (${s.indicator.unit}), ${s.origin} → ${s.destination}, ${s.frequency ?? "no data"}`);
      for (const p of s.points) print(`${p.period.padEnd(10)} ${`${p.bound === "lower" ? "> " : p.bound === "upper" ? "< " : ""}${p.value}`.padStart(20)} ${p.flag ?? ""}`);
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
        print(
          `${r.indicator.code.padEnd(32)} ${r.period.padEnd(10)} ${r.bound === "lower" ? "> " : r.bound === "upper" ? "< " : ""}${r.value}${
            !r.yearAgo ? "" : r.yearAgo.comparable && r.yearAgo.changePct != null ? ` (${r.yearAgo.changePct.toFixed(1)}% on a year earlier)` : ` (not comparable with ${r.yearAgo.period}: ${r.yearAgo.whyNot === "flag" ? "flagged" : r.yearAgo.whyNot === "bound" ? "a bound, not a value" : "another source"})`
          }`,
        );
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
}
