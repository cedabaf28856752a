/**
 * Which events belong on a corridor's chart, decided in one place: the store's corridor filter (chart
 * data, /api/series, the dashboard, ITS confounders), the event page's impact panels and the event
 * editor's preview. Pure: no database, so browser code may use it.
 */
import { WORLD } from "../countries.ts";
import type { EventRole } from "../schema.ts";
import { ALL_FOREIGNERS } from "./model.ts";

export interface CorridorEventCountries {
  countries: readonly { code: string; role: EventRole | string }[];
}

/**
 * Does the event concern origin → destination (the migrants' direction)? For two countries A → B:
 * - **destination-wide**: B is a party and ALL (every foreign national) is affected — Decree No. 274
 *   (RUS party, ALL affected) is on every corridor into Russia, never on Russia's own emigrants';
 * - **country-wide**: the event names one country only (the 2014 ruble crash: RUS) and it is A or B;
 * - **between them**: it names both A and B, unless both are only affected by a third country's act
 *   (Russia's mobilisation affects UZB and KAZ nationals; it is no UZB → KAZ event).
 * A bilateral act of two other countries (RUS–TJK talks on UZB → RUS, KGZ's EAEU accession on
 * TJK → RUS) does not concern the corridor. WLD (all partners) on either side stands for every
 * partner: A → WLD, A's flows from everywhere, is concerned by whatever concerns A → some partner
 * (the RUS–TJK talks and Decree 274 are on Tajikistan's remittances from the world; KGZ's accession is not).
 */
export function concernsCorridor(event: CorridorEventCountries, origin: string, destination: string): boolean {
  const named = [...new Set(event.countries.map((c) => c.code).filter((c) => c !== ALL_FOREIGNERS))];
  // A country not named by the event: what the WLD side stands for when the partner is not named.
  const elsewhere = "\u0000";
  const origins = origin === WORLD ? [...named, elsewhere] : [origin];
  const destinations = destination === WORLD ? [...named, elsewhere] : [destination];
  return origins.some((a) => destinations.some((b) => a !== b && concernsPair(event, named, a, b)));
}

function concernsPair(event: CorridorEventCountries, named: string[], a: string, b: string): boolean {
  const allAffected = event.countries.some((c) => c.code === ALL_FOREIGNERS);
  const isParty = (code: string) => event.countries.some((c) => c.code === code && c.role === "party");
  if (allAffected && isParty(b)) return true;
  if (named.length === 1 && !allAffected) return named[0] === a || named[0] === b;
  if (!named.includes(a) || !named.includes(b)) return false;
  const thirdParty = named.some((c) => c !== a && c !== b && isParty(c));
  return isParty(a) || isParty(b) || !thirdParty;
}

/**
 * Not the corridor's own event but naming one of its countries: the opt-in "related events" layer.
 * WLD stands for every partner, so on A → WLD (the dashboard's flows from everywhere, as its
 * images and downloads draw them) every other event naming a country is related, e.g. the
 * RUS–TJK talks on Uzbekistan's remittances; without that the layer was always empty there.
 */
export function relatedToCorridor(event: CorridorEventCountries, origin: string, destination: string): boolean {
  const world = origin === WORLD || destination === WORLD;
  return !concernsCorridor(event, origin, destination) && event.countries.some((c) => c.code === origin || c.code === destination || (world && c.code !== ALL_FOREIGNERS));
}
