import "server-only";
import * as data from "@corridor/data";
import type { ObservationKey } from "@/lib/observation-query";

/** observationHistory()'s result, as the contract between the branches of issue #6 states it. */
export interface ObservationHistory {
  current: { value: number; flag: string | null; source: string | null; importId: number | null } | null;
  history: {
    value: number; flag: string | null; source: string | null; importId: number | null;
    fileName: string | null; importedAt: string | null; importedBy: string | null; replacedByImportId: number | null;
  }[];
}

type HistoryFn = (db: data.CorridorDb, key: ObservationKey) => Promise<ObservationHistory> | ObservationHistory;

/**
 * The data package's observationHistory() (added by the events-edit branch). Looked up on the module
 * so this branch builds before that one is merged; null until it is.
 */
export function observationHistoryFn(): HistoryFn | null {
  const fn = (data as unknown as { observationHistory?: HistoryFn }).observationHistory;
  return typeof fn === "function" ? fn : null;
}
