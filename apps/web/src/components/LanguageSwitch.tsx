/**
 * The header's language link: the same view (path and query) in the other language. It goes
 * through /api/language, which remembers the choice (NEXT_LOCALE, read only at `/`) and redirects
 * to `href`, so the choice sticks whether or not the page's JavaScript has loaded.
 */
export function LanguageSwitch({ locale, href, label, name }: { locale: string; href: string; label: string; name: string }) {
  const params = new URLSearchParams({ to: locale, next: href });
  return (
    <a href={`/api/language?${params}`} hrefLang={locale} lang={locale} title={label} data-testid="language-switch" className="whitespace-nowrap text-tremor-default hover:underline">
      {name}
    </a>
  );
}
