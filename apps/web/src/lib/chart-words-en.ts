/**
 * English ChartWords from the catalog, for the one host that has no server to ask: the event
 * editor's preview (a client component). Pages pass their language's words instead.
 */
import en from "../../messages/en.json";
import type { ChartWords } from "./chart-words";

export const EN_CHART_WORDS: ChartWords = { locale: "en", kinds: en.Kinds, caveats: en.Caveats, ...en.Chart };
