import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { NextIntlClientProvider } from "next-intl";
import { Link } from "@/i18n/navigation";
import { localePath } from "@/i18n/locale-path";
import type { Locale } from "@/i18n/routing";
import { Badge, Card, Text } from "@tremor/react";
import { listImports } from "@corridor/data";
import { db } from "@/server/db";
import { countsIn, when } from "@/lib/imports-view";
import { hasRole, requirePageReader } from "@/server/page-auth";
import { UndoButton } from "@/components/imports/UndoButton";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("imports") };
}

export default async function ImportsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const t = await getTranslations("Imports");
  const number = new Intl.NumberFormat(locale);
  const counts = (row: (typeof rows)[number]) => countsIn(row, (key, n) => t(`counts.${key}`, { count: number.format(n) }), t("counts.none"));
  // Provenance is public like the data (a viewer under CORRIDOR_REQUIRE_LOGIN); changing it is not.
  const analyst = hasRole(await requirePageReader(localePath("/imports", locale)), "analyst");
  const rows = await listImports(await db());
  const messages = await getMessages();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("heading")}</h1>
          <Text>{t("intro")}</Text>
        </div>
        {analyst && (
          <Link href="/upload" className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis">
            {t("upload")}
          </Link>
        )}
      </div>
      {/* Undo is a client component: only its namespace goes to the browser. */}
      <NextIntlClientProvider locale={locale} messages={{ Undo: messages.Undo }}>
        <Card className="p-0">
          {rows.length === 0 && <Text className="p-4">{t("none")}</Text>}
          <ul className="divide-y divide-tremor-border dark:divide-dark-tremor-border" data-testid="imports">
            {rows.map((row) => (
              <li key={row.id} className="flex flex-wrap items-start justify-between gap-3 p-4" data-testid={`import-${row.id}`}>
                {/* Wide enough for a date line: on a phone the buttons (longer in Russian) wrap below instead of squeezing it. */}
                <div className="min-w-[15rem] flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/imports/${row.id}`} className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong">
                      #{row.id} {row.fileName}
                    </Link>
                    <Badge color={row.status === "undone" ? "gray" : "emerald"} size="xs">
                      {row.status === "undone" || row.status === "committed" ? t(`status.${row.status}`) : row.status}
                    </Badge>
                    <Badge color="blue" size="xs">
                      {row.format}
                    </Badge>
                  </div>
                  <Text className="mt-0.5">
                    {when(row.importedAt, locale)} · {row.importedBy}
                    {row.undoneAt ? ` · ${t("undoneAt", { when: when(row.undoneAt, locale) })}` : ""}
                  </Text>
                  <Text className="mt-0.5">{counts(row)}</Text>
                  <p className="mt-0.5 truncate font-mono text-tremor-label text-tremor-content-subtle" title={row.sha256}>
                    sha256 {row.sha256}
                  </p>
                </div>
                <div className="flex items-start gap-2">
                  <a
                    href={`/api/imports/${row.id}/file`}
                    className="rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-default hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:hover:bg-dark-tremor-background-subtle"
                    download
                  >
                    {t("original")}
                  </a>
                  {analyst && row.status === "committed" && <UndoButton importId={row.id} fileName={row.fileName} />}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </NextIntlClientProvider>
    </div>
  );
}
