import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { NextIntlClientProvider } from "next-intl";
import { Text } from "@tremor/react";
import { listIndicators } from "@corridor/data";
import { indicatorName } from "@corridor/data/pure";
import { isLocale, type Locale } from "@/i18n/routing";
import { db } from "@/server/db";
import { requirePageRole } from "@/server/page-auth";
import { UploadWorkbench } from "@/components/upload/UploadWorkbench";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("upload") };
}

export default async function UploadPage({ params }: { params: Promise<{ locale: string }> }) {
  const raw = (await params).locale;
  const locale: Locale = isLocale(raw) ? raw : "en";
  setRequestLocale(locale);
  await requirePageRole("analyst", "/upload");
  const t = await getTranslations("Upload");
  const messages = await getMessages();
  const indicators = (await listIndicators(await db())).map((i) => ({ code: i.code, name: indicatorName(i, locale) }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("heading")}</h1>
        <Text>{t("intro")}</Text>
      </div>
      {/* The workbench is a client component: only its own namespace goes to the browser, not the whole catalog. */}
      <NextIntlClientProvider locale={locale} messages={{ Upload: messages.Upload }}>
        <UploadWorkbench indicators={indicators} />
      </NextIntlClientProvider>
    </div>
  );
}
