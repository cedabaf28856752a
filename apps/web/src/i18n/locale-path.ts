/**
 * Paths per language, pure so pages, client components, the proxy and tests share one rule:
 * `/explorer?x=1` in Russian is `/ru/explorer?x=1`, `/` is `/ru`.
 */
import { preferredLocale as preferredFrom } from "../../accept-language.mjs";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./routing";

/** An app path (`/…`, with its query) as the given language writes it. */
export function localePath(path: string, locale: Locale): string {
  const unprefixed = stripLocale(path).path;
  if (locale === DEFAULT_LOCALE) return unprefixed;
  if (unprefixed === "/") return `/${locale}`;
  if (unprefixed.startsWith("/?") || unprefixed.startsWith("/#")) return `/${locale}${unprefixed.slice(1)}`;
  return `/${locale}${unprefixed}`;
}

/** `/ru/explorer?x` → { locale: "ru", path: "/explorer?x" }; an unprefixed path is English. */
export function stripLocale(path: string): { locale: Locale; path: string } {
  const m = /^\/([a-z]{2})(?=$|[/?#])(.*)$/.exec(path);
  if (m && isLocale(m[1]) && m[1] !== DEFAULT_LOCALE) {
    const rest = m[2] ?? "";
    return { locale: m[1], path: rest === "" ? "/" : rest.startsWith("/") ? rest : `/${rest}` };
  }
  return { locale: DEFAULT_LOCALE, path };
}

/** The language an Accept-Language header prefers among ours (one rule with the page cache: accept-language.mjs). */
export function preferredLocale(header: string | null | undefined): Locale | null {
  return preferredFrom<Locale>(header, LOCALES);
}
