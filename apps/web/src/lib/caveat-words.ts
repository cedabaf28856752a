/**
 * chart-model's caveats (eventCaveats, dateCaveats, caveatLegend) in the reader's language: the same
 * rules, the words from the "Caveats" catalog. `t` is that namespace's translator.
 */
import { endUncertain, isUnverified, startUncertain, UNCERTAIN_DASH, UNVERIFIED_DASH, type ChartEvent } from "./chart-model";

type CaveatKey = "unverified" | "unverifiedNote" | "startUncertain" | "dateUncertain" | "endUncertain" | "legendUnverified" | "legendUncertain";
export type CaveatTranslate = (key: CaveatKey, values?: { note: string }) => string;

export function dateCaveatWords(e: Pick<ChartEvent, "uncertainDates" | "endsOn">, t: CaveatTranslate): string[] {
  const out: string[] = [];
  if (startUncertain(e)) out.push(t(e.endsOn ? "startUncertain" : "dateUncertain"));
  if (endUncertain(e)) out.push(t("endUncertain"));
  return out;
}

export function eventCaveatWords(e: Pick<ChartEvent, "verification" | "verificationNote" | "uncertainDates" | "endsOn">, t: CaveatTranslate): string[] {
  const note = e.verificationNote?.trim().replace(/\.$/, "");
  return [...(isUnverified(e) ? [note ? t("unverifiedNote", { note }) : t("unverified")] : []), ...dateCaveatWords(e, t)];
}

export function caveatLegendWords(events: readonly ChartEvent[], t: CaveatTranslate): { label: string; dash: string }[] {
  const out: { label: string; dash: string }[] = [];
  if (events.some(isUnverified)) out.push({ label: t("legendUnverified"), dash: UNVERIFIED_DASH });
  if (events.some((e) => startUncertain(e) || endUncertain(e))) out.push({ label: t("legendUncertain"), dash: UNCERTAIN_DASH });
  return out;
}
