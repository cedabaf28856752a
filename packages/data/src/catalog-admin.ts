/** Reading and extending the indicator catalog. */
import { asc } from "drizzle-orm";
import type { CorridorDb } from "./db.ts";
import { IndicatorResolver } from "./indicators.ts";
import { countryRoles, indicatorKinds, indicators, type CountryRole, type Indicator, type IndicatorKind } from "./schema.ts";
import { QueryArgumentError, resolveCountry } from "./queries/resolve.ts";

export async function listIndicators(db: CorridorDb): Promise<Indicator[]> {
  return db.orm.select().from(indicators).orderBy(asc(indicators.code));
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

export async function addIndicator(db: CorridorDb, input: AddIndicatorInput): Promise<Indicator> {
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
  await db.orm.insert(indicators).values(row);
  return row;
}
