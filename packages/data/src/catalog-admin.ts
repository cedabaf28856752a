/** Reading and extending the indicator catalog. */
import { sql } from "drizzle-orm";
import { rowsOf } from "./dialect.ts";
import type { SqlRunner } from "./runner.ts";
import { IndicatorResolver } from "./indicators.ts";
import { countryRoles, indicatorKinds, indicators, type CountryRole, type Indicator, type IndicatorKind } from "./schema.ts";
import { QueryArgumentError, resolveCountry } from "./queries/resolve.ts";

export async function listIndicators(db: SqlRunner): Promise<Indicator[]> {
  return rowsOf(db, indicators, sql`ORDER BY code`);
}

export interface AddIndicatorInput {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  description?: string;
  defaultRole?: CountryRole;
  defaultCounterpart?: string;
  aliases?: string[];
}

export async function addIndicator(db: SqlRunner, input: AddIndicatorInput): Promise<Indicator> {
  if (!/^[a-z][a-z0-9_]*$/.test(input.code))
    throw new QueryArgumentError(`indicator code "${input.code}" must be lower_snake_case (a-z, 0-9, _)`);
  if (!indicatorKinds.includes(input.kind))
    throw new QueryArgumentError(`kind "${input.kind}" must be one of ${indicatorKinds.join(", ")}`);
  const role = input.defaultRole ?? "origin";
  if (!countryRoles.includes(role)) throw new QueryArgumentError(`default role "${role}" must be origin or destination`);
  const resolver = new IndicatorResolver(await listIndicators(db));
  for (const name of [input.code, ...(input.aliases ?? [])]) {
    const clash = resolver.resolve(name);
    if (clash) throw new QueryArgumentError(`"${name}" already names indicator ${clash.code}`);
  }
  const row = {
    code: input.code, name: input.name, unit: input.unit, kind: input.kind,
    description: input.description ?? "", defaultRole: role,
    defaultCounterpart: resolveCountry(input.defaultCounterpart ?? "WLD"), aliases: input.aliases ?? [],
  };
  await db.run(sql`
    INSERT INTO indicators (code, name, unit, description, kind, default_role, default_counterpart, aliases)
    VALUES (${row.code}, ${row.name}, ${row.unit}, ${row.description}, ${row.kind}, ${row.defaultRole}, ${row.defaultCounterpart}, ${JSON.stringify(row.aliases)})`);
  return row;
}
