/**
 * The order of an event's before/after panels (its page and its brief): the origin's own flows
 * first. Corridors run from the migrants' origin, so a country that is some corridor's destination
 * (Russia) is the receiving side: its own series (Russia's remittances) come after the origin's.
 * Then corridors between the event's own parties before ones to "all countries", and panels with
 * figures on both sides before those without.
 */
export interface PanelKey {
  origin: string;
  destination: string;
  /** Both windows have data. */
  complete: boolean;
}

/** `receiving`: the destinations of the database's corridors (all partners, WLD, left out). */
export function panelRank(panel: PanelKey, receiving: ReadonlySet<string>, parties: readonly string[]): number {
  return (panel.complete ? 0 : 4) + (receiving.has(panel.origin) ? 2 : 0) + (parties.includes(panel.destination) ? 0 : 1);
}

/** A stable sort: equal ranks keep their order (corridor, then indicator, as loaded). */
export function orderPanels<T>(panels: readonly T[], key: (p: T) => PanelKey, receiving: ReadonlySet<string>, parties: readonly string[]): T[] {
  return panels
    .map((p) => ({ p, rank: panelRank(key(p), receiving, parties) }))
    .sort((a, b) => a.rank - b.rank)
    .map((x) => x.p);
}
