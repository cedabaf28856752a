/** ChartActions' words in the page's language, translated on the server so the client gets strings, not a catalog. */
import "server-only";
import { getTranslations } from "next-intl/server";
import type { ChartActionLabels } from "@/components/ChartActions";

const KEYS = [
  "share",
  "linkToView",
  "embed",
  "whichData",
  "live",
  "pinned",
  "publishing",
  "publishFailed",
  "snapshot",
  "responsive",
  "fixed",
  "preview",
  "download",
  "png",
  "svg",
  "pdf",
  "csvSeries",
  "csvCompare",
  "zipSeries",
  "zipCompare",
  "jsonSeries",
  "jsonCompare",
  "copy",
  "copied",
] as const satisfies readonly (keyof ChartActionLabels)[];

export async function chartActionLabels(): Promise<ChartActionLabels> {
  const t = await getTranslations("ChartActions");
  // `snapshot` keeps its ICU arguments: the client fills {id} and {date}.
  return Object.fromEntries(KEYS.map((k) => [k, k === "snapshot" ? t.raw(k) : t(k)])) as ChartActionLabels;
}
