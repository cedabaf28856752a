/**
 * What an import would change, per indicator and corridor: new observations, changed values
 * (old → new, with the file line) and unchanged ones. Only built when `importFile(…, { diff: true })`
 * asks for it: one prepared SELECT of the stored value per observation, made before the writer
 * sees the row, so the ordinary import path does not pay for it.
 */
import type Database from "better-sqlite3";
import type { NormalisedObservation } from "./normalise.ts";
import type { Bound } from "../schema.ts";
import { sameAsStored } from "./writer.ts";

/** Changes listed per group; the counts are always complete. */
export const DIFF_CHANGES_PER_GROUP = 500;

export interface DiffChange {
  period: string;
  /** null: a new observation. */
  old: number | null;
  new: number;
  /** "> 3 million": the stored and the incoming value's bound (null: the value itself), when either has one. */
  oldBound?: Bound | null;
  newBound?: Bound | null;
  /** The line of the file the new value comes from. */
  line: number;
}

export interface DiffGroup {
  indicator: string;
  origin: string;
  destination: string;
  breakdown: string;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Inserted (old = null) and updated rows, in period order, at most DIFF_CHANGES_PER_GROUP. */
  changes: DiffChange[];
}

export interface ImportDiff {
  /** In indicator, origin, destination, breakdown order. */
  groups: DiffGroup[];
  /** Some group had more changes than it lists. */
  truncated: boolean;
}

interface Stored {
  value: number;
  flag: string | null;
  bound: Bound | null;
  source: string | null;
}

interface Change extends DiffChange {
  start: string;
}

const byPeriod = (a: Change, b: Change) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0);

export class ImportDiffCollector {
  private readonly select?: Database.Statement;
  private readonly groups = new Map<string, DiffGroup & { pending: Change[] }>();
  private truncated = false;

  /** `sqlite`: look each row's stored value up as it comes (observe); without it, the caller passes it (observeStored, PostgreSQL). */
  constructor(sqlite?: Database.Database) {
    this.select = sqlite?.prepare(
      `SELECT value, flag, bound, source FROM observations
       WHERE origin = ? AND destination = ? AND indicator = ? AND period = ? AND breakdown = ?`,
    );
  }

  /** Call with each valid observation before it is written: the stored value is still the old one. */
  observe(o: NormalisedObservation, line: number): void {
    this.observeStored(o, line, this.select!.get(o.origin, o.destination, o.indicator, o.period.period, o.breakdown) as Stored | undefined);
  }

  /** One valid observation and the row stored under its key before this import (undefined: none). */
  observeStored(o: NormalisedObservation, line: number, stored: Stored | undefined): void {
    const key = `${o.indicator}\u0000${o.origin}\u0000${o.destination}\u0000${o.breakdown}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { indicator: o.indicator, origin: o.origin, destination: o.destination, breakdown: o.breakdown, inserted: 0, updated: 0, unchanged: 0, changes: [], pending: [] };
      this.groups.set(key, group);
    }
    if (stored && sameAsStored(stored, o)) {
      group.unchanged++;
      return;
    }
    if (stored) group.updated++;
    else group.inserted++;
    const bounds = stored?.bound || o.bound ? { oldBound: stored ? stored.bound : null, newBound: o.bound } : {};
    group.pending.push({ period: o.period.period, start: o.period.start, old: stored ? stored.value : null, new: o.value, ...bounds, line });
    // Keep memory bounded on big files: only the earliest periods are listed.
    if (group.pending.length >= 2 * DIFF_CHANGES_PER_GROUP) this.trim(group);
  }

  private trim(group: { pending: Change[] }): void {
    group.pending.sort(byPeriod);
    if (group.pending.length > DIFF_CHANGES_PER_GROUP) {
      group.pending.length = DIFF_CHANGES_PER_GROUP;
      this.truncated = true;
    }
  }

  result(): ImportDiff {
    const groups: DiffGroup[] = [];
    for (const group of this.groups.values()) {
      this.trim(group);
      const { pending, ...rest } = group;
      groups.push({ ...rest, changes: pending.map(({ start: _s, ...c }) => c) });
    }
    const key = (g: DiffGroup) => [g.indicator, g.origin, g.destination, g.breakdown];
    groups.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
      return 0;
    });
    return { groups, truncated: this.truncated };
  }
}
