import { getTranslations, setRequestLocale } from "next-intl/server";
import { localePath } from "@/i18n/locale-path";
import { isLocale, type Locale } from "@/i18n/routing";
import { LOGIN_ERRORS, loginErrorCode } from "@/lib/login-errors";
import { safeNext } from "@/lib/next-path";
import { LoginForm, type LoginLabels } from "./LoginForm";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("login") };
}

export default async function LoginPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await params).locale;
  const locale: Locale = isLocale(raw) ? raw : "en";
  setRequestLocale(locale);
  const t = await getTranslations("Login");
  const query = await searchParams;
  // Without a `next`, signing in from /ru/login lands on the Russian dashboard, not the English one.
  const next = typeof query.next === "string" ? safeNext(query.next) : localePath("/", locale);
  // Set by the plain form post (/api/auth/sign-in/form) after a failed attempt: a code, never what was typed.
  const code = loginErrorCode(typeof query.error === "string" ? query.error : null);
  const labels: LoginLabels = {
    email: t("email"),
    password: t("password"),
    submit: t("submit"),
    busy: t("busy"),
    noAnswer: t("noAnswer"),
    cookieRefused: t("cookieRefused"),
    errors: Object.fromEntries(LOGIN_ERRORS.map((c) => [c, t(`errors.${c}`)])) as LoginLabels["errors"],
  };
  return (
    <section className="mx-auto max-w-sm">
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("heading")}</h1>
      <p className="mt-1 text-tremor-default text-tremor-content dark:text-dark-tremor-content">{t("intro")}</p>
      <LoginForm next={next} locale={locale} labels={labels} initialError={code ? labels.errors[code] : null} />
    </section>
  );
}
