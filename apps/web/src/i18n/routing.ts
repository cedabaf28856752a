/**
 * The languages and how they sit in the URL: English at `/…`, Russian at `/ru/…`. next-intl's own
 * detection and cookie are off: only the root may redirect by Accept-Language (proxy.ts decides
 * that, the NEXT_LOCALE cookie the switch sets winning), so every other page is the same for every
 * reader and the page cache may keep it.
 */
import { defineRouting } from "next-intl/routing";

export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Set by the language switch; read only at `/`. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Set by proxy.ts: the address the reader asked for, so the layout writes the switch and hreflang links with the query. */
export const PATH_HEADER = "x-corridor-path";

export const routing = defineRouting({
  locales: LOCALES,
  defaultLocale: DEFAULT_LOCALE,
  localePrefix: "as-needed",
  localeDetection: false,
  localeCookie: false,
  // hreflang alternates go in each page's metadata (with the query), not a Link header.
  alternateLinks: false,
});

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
