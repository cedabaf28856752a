/** Shared argument resolution for queries: indicator by code or alias, countries by code or name. */
import { CountryResolver } from "../countries.ts";
import type { CorridorDb } from "../db.ts";
import { IndicatorResolver } from "../indicators.ts";
import { indicators } from "../schema.ts";
import type { Indicator } from "../schema.ts";

/** Thrown for arguments that name nothing known; the CLI maps it to exit status 2. */
export class QueryArgumentError extends Error {}

const countryResolver = new CountryResolver();

export async function resolveIndicator(db: CorridorDb, name: string): Promise<Indicator> {
  const resolver = new IndicatorResolver(await db.orm.select().from(indicators));
  const found = resolver.resolve(name);
  if (!found) throw new QueryArgumentError(resolver.unknown(name));
  return found;
}

export function resolveCountry(name: string): string {
  const found = countryResolver.resolve(name);
  if (!found.ok) throw new QueryArgumentError(found.reason);
  return found.code;
}
