"use client";
/**
 * The header's language link: the same view (path and query) in the other language. A plain link,
 * so the page loads whole in its language; clicking it remembers the choice (NEXT_LOCALE), which
 * only the root `/` reads.
 */
import { LOCALE_COOKIE } from "@/i18n/routing";

export function LanguageSwitch({ locale, href, label, name }: { locale: string; href: string; label: string; name: string }) {
  return (
    <a
      href={href}
      hrefLang={locale}
      lang={locale}
      title={label}
      data-testid="language-switch"
      className="whitespace-nowrap text-tremor-default hover:underline"
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
      }}
    >
      {name}
    </a>
  );
}
