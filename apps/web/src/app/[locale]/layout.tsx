import type { ReactNode } from "react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import "../globals.css";
import { BootOnFirstInput } from "@/components/BootOnFirstInput";
import { AccountMenu } from "@/components/AccountMenu";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { Link } from "@/i18n/navigation";
import { isLocale, LOCALES, type Locale } from "@/i18n/routing";
import { localePath, stripLocale } from "@/i18n/locale-path";
import { PATH_HEADER } from "@/i18n/routing";

type Params = Promise<{ locale: string }>;

/** The address this page was asked for, without its language prefix (set by proxy.ts). */
async function currentPath(): Promise<string> {
  return stripLocale((await headers()).get(PATH_HEADER) ?? "/").path;
}

/** The header's sign-in link: this language's login page, coming back to this page (not from the login page itself). */
function loginLink(path: string, locale: Locale): string {
  const login = localePath("/login", locale);
  return path === "/" || path === "/login" || path.startsWith("/login?") ? login : `${login}?next=${encodeURIComponent(localePath(path, locale))}`;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "Meta" });
  const path = await currentPath();
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  return {
    metadataBase: new URL(`${h.get("x-corridor-proto") === "https" ? "https" : "http"}://${host}`),
    title: t("title"),
    description: t("description"),
    alternates: {
      canonical: localePath(path, locale),
      languages: { en: localePath(path, "en"), ru: localePath(path, "ru"), "x-default": localePath(path, "en") },
    },
  };
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("Nav");
  const a = await getTranslations("Account");
  const path = await currentPath();
  const other = LOCALES.filter((l): l is Locale => l !== locale);
  return (
    <html lang={locale}>
      {/* No first paint until the page's main content is parsed: a phone's slow parse otherwise paints
          the part that arrived first (the dashboard's cards), and the chart that CSS orders above
          them on a phone then pushes them down, a layout shift. Chromium's render-blocking "expect". */}
      <link rel="expect" href="#main-end" blocking="render" />
      <body className="min-h-screen overflow-x-hidden antialiased">
        <BootOnFirstInput />
        <header className="border-b border-tremor-border bg-tremor-background dark:border-dark-tremor-border dark:bg-dark-tremor-background">
          <nav aria-label={t("label")} className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3">
            <Link href="/" className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
              Corridor
            </Link>
            <Link href="/" className="text-tremor-default hover:underline">
              {t("dashboard")}
            </Link>
            <Link href="/explorer" className="text-tremor-default hover:underline">
              {t("explorer")}
            </Link>
            <Link href="/events" className="text-tremor-default hover:underline">
              {t("events")}
            </Link>
            <AccountMenu
              home={localePath("/", locale)}
              login={loginLink(path, locale)}
              prefix={locale === "en" ? "" : `/${locale}`}
              labels={{ signIn: a("signIn"), signOut: a("signOut"), upload: a("upload"), imports: a("imports"), users: a("users"), signedInAs: a("signedInAs") }}
            />
            {other.map((l) => (
              <LanguageSwitch key={l} locale={l} href={localePath(path, l)} label={t(`switchTo.${l}`)} name={t(`languageName.${l}`)} />
            ))}
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">
          {children}
          <div id="main-end" hidden />
        </main>
      </body>
    </html>
  );
}
