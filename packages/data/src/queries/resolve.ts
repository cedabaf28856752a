/** Shared argument resolution for queries: indicator by code or alias, countries by code or name. */
import { CountryResolver } from "../countries.ts";
import { CorridorError } from "../errors.ts";
import { IndicatorResolver } from "../indicators.ts";
import { parsePeriod, type Period } from "../periods.ts";
import { rowsOf } from "../dialect.ts";
import type { SqlRunner } from "../runner.ts";
import { indicators, type Indicator } from "../schema.ts";

/**
 * Thrown for arguments that name nothing known; the CLI maps it to exit status 2, the read API to a
 * 400 naming `parameter`. `detail` is the message without the CLI's `--flag value:` prefix.
 */
export class QueryArgumentError extends CorridorError {
  constructor(message: string, readonly parameter?: string, readonly detail: string = message) {
    super("usage", message, { parameter: parameter ?? "query" });
  }

  /** The read API names the parameter and leaves out the CLI's flag. */
  override body(): Record<string, unknown> {
    const parameter = this.parameter ?? "query";
    return { error: `${parameter}: ${this.detail}`, parameter };
  }
}

const countryResolver = new CountryResolver();

export async function resolveIndicator(db: SqlRunner, name: string): Promise<Indicator> {
  const resolver = new IndicatorResolver(await rowsOf(db, indicators));
  const found = resolver.resolve(name);
  if (!found) throw new QueryArgumentError(resolver.unknown(name), "indicator");
  return found;
}

export function resolveCountry(name: string): string {
  const found = countryResolver.resolve(name);
  if (!found.ok) throw new QueryArgumentError(found.reason);
  return found.code;
}

/** A period given as an argument (from 2020-Q1), in any notation; undefined when not given. */
export function periodArgument(raw: string | undefined, parameter: string): Period | undefined {
  if (!raw) return undefined;
  const parsed = parsePeriod(raw);
  if (!parsed.ok) throw new QueryArgumentError(`${parameter} "${raw}": ${parsed.reason}`, parameter, `"${raw}" ${parsed.reason}`);
  return parsed.value;
}
