import { getTranslations } from "next-intl/server";
import { loginErrorMessage } from "@/lib/login-errors";
import { safeNext } from "@/lib/next-path";
import { LoginForm } from "./LoginForm";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("login") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const raw = params.next;
  const next = safeNext(typeof raw === "string" ? raw : null);
  // Set by the plain form post (/api/auth/sign-in/form) after a failed attempt: a code, never what was typed.
  const error = loginErrorMessage(typeof params.error === "string" ? params.error : null);
  return (
    <section className="mx-auto max-w-sm">
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Sign in</h1>
      <p className="mt-1 text-tremor-default text-tremor-content dark:text-dark-tremor-content">Analysts and admins sign in to upload data and edit events. Accounts are made by an admin.</p>
      <LoginForm next={next} initialError={error} />
    </section>
  );
}
